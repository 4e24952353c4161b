namespace EventsApi.Core.Domain;

/// <summary>The event types and sub-types of CODEBOOK.md, in the codebook's order.</summary>
public static class Taxonomy
{
    public sealed record Subtype(string Name, string Description);

    public sealed record EventType(string Name, string Description, IReadOnlyList<Subtype> Subtypes);

    public static readonly IReadOnlyList<EventType> Types =
    [
        new("strike", "An attack from a distance: drones, missiles, aircraft, artillery, or one whose means is not stated.",
        [
            new("drone_strike", "Attack by uncrewed aircraft."),
            new("missile_strike", "Ballistic or cruise missile attack."),
            new("air_strike", "Attack by crewed aircraft, glide bombs."),
            new("shelling", "Artillery, rocket launchers."),
            new("other", "An attack whose means is not stated, mines, IEDs."),
            new("interception", "Drones or missiles shot down or jammed by air defence."),
        ]),
        new("battle", "Ground fighting between armed forces.",
        [
            new("armed_clash", "Ground fighting between armed forces."),
            new("territory_taken", "Forces capture, or retake, a settlement by fighting."),
        ]),
        new("talks", "Negotiations, calls, meetings and agreements between parties.",
        [
            new("negotiation_round", "Delegations meet to negotiate."),
            new("phone_call", "Leaders or officials speak by phone or video."),
            new("meeting", "An in-person meeting or visit."),
            new("agreement", "A treaty, deal or ceasefire signed or agreed."),
        ]),
        new("prisoner_exchange", "Prisoners or remains exchanged, released or agreed to be.",
        [
            new("prisoner_swap", "Prisoners of war or detainees exchanged or released, or such an exchange agreed."),
            new("remains_exchange", "Bodies of the fallen repatriated or exchanged, or that agreed."),
        ]),
        new("territorial_claim", "Claims about who controls territory.",
        [
            new("control_claim", "An actor claims to control or to have captured an area."),
            new("annexation", "Territory declared incorporated into a state."),
            new("control_estimate", "A stated share or extent of territory held."),
        ]),
        new("statement", "What officials say: accusations, denials, appeals, announcements, threats.",
        [
            new("accusation", "One actor accuses another."),
            new("denial", "An actor rejects an accusation or claim."),
            new("appeal", "A call for a ceasefire, talks or action."),
            new("announcement", "A pledge, plan or policy announced."),
            new("threat", "A threat of force or sanctions."),
        ]),
    ];

    public static readonly IReadOnlySet<string> TypeNames = Types.Select(t => t.Name).ToHashSet();

    public static readonly IReadOnlySet<string> SubtypeNames =
        Types.SelectMany(t => t.Subtypes).Select(s => s.Name).ToHashSet();

    private static readonly IReadOnlyDictionary<string, string> TypeBySubtype =
        Types.SelectMany(t => t.Subtypes.Select(s => (Subtype: s.Name, Type: t.Name))).ToDictionary(p => p.Subtype, p => p.Type);

    /// <summary>The type of a sub-type (the coder asks for every trigger it weighs).</summary>
    public static string TypeOf(string subtype) => TypeBySubtype[subtype];
}
