using System.Buffers;
using System.Text.RegularExpressions;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>A word or phrase that signals an event of a sub-type (the codebook's table, as patterns).</summary>
public sealed record Trigger(string Subtype, int Start, int Length, bool Anaphoric, Trigger? RepeatOf = null)
{
    public int End => Start + Length;
}

/// <summary>
/// The verb dictionary: for every sub-type of CODEBOOK.md the phrases that report it. Patterns are
/// matched with quoted speech blanked out, so what someone is quoted as saying ("we urge a
/// ceasefire") is not read as narration; the reporting verb outside the quotes is.
/// </summary>
public static class Triggers
{
    /// <summary>
    /// What air defence shoots down, aircraft by type too (Su-34, A-50); "missile boat", "drone launcher" are what carries it.
    /// Type designations are matched in their own capitals: read case-insensitively, "A-" and "Mi-" would make
    /// every "a" and "mi" of a sentence a place where the pattern must be tried (the pattern ran 2-3 times slower).
    /// </summary>
    private const string Weapon = "(?:" + Munition + "|" + Aircraft + ")" + NotCarrier;
    private const string Munition = @"(?:drones?|UAVs?|Shaheds?|missiles?|rockets?|bombs?)";
    private const string Aircraft = @"(?:aircraft|helicopters?|jets?|(?:war)?planes?|bombers?|(?-i:Su|MiG|Tu|Ka|Mi|Il|A)-\d+\w*)";
    private const string NotCarrier = @"(?!\s+(?:boats?|ships?|launchers?|systems?|complex|batter(?:y|ies)|carriers?|cruisers?|depots?|plants?|factor(?:y|ies)|units?|operators?))";
    private const string Count = @"(?:(?:a\s+record|some|about|around|nearly|almost|more\s+than|over|at\s+least|up\s+to|all|the)\s+)*(?:[\d,]+|\w+)";

    private static readonly (string Subtype, string Pattern)[] Table =
    [
        ("interception", @"(?i:\b(?:shot\s+down|shoots\s+down|shoot\s+down|downed|downs|intercepted|intercepts|intercept|neutrali[sz](?:ed|es)|jammed|suppressed)\s+(?:" + Count + @"\s+)?(?:of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,3}?" + Weapon + @"\b)"),
        // Destroyed aircraft may have stood on an airfield ("a missile strike destroyed two aircraft") unless
        // destroyed "over" somewhere; destroyed drones were flying.
        ("interception", @"(?i:\b(?:destroyed|destroys|destroy)\s+(?:" + Count + @"\s+)?(?:of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,3}?(?:" + Munition + "|" + Aircraft + @"(?=\s+(?:[\w-]+\s+){0,4}?over\b))" + NotCarrier + @"\b)"),
        // "a drone (of Russian forces) was shot down"
        ("interception", @"(?i:\b" + Weapon + @"(?:\s+(?:of|from|belonging\s+to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:shot\s+down|downed|intercepted|destroyed|neutrali[sz]ed|jammed|suppressed)\b)"),
        ("interception", @"(?i:\bair\s+defen[cs]es?\s+(?:\w+\s+)?(?:shot\s+down|shoots?\s+down|intercepted|intercepts?|downed|downs?|destroyed|destroys|repelled|repels?|repulsed|repulses?)\b)"),
        ("drone_strike", @"(?i:\b(?:drone|UAV|Shahed|kamikaze\s+drone|Geran)[- ](?:strikes?|attacks?|raids?|assaults?|barrages?|hits?)\b)"),
        ("drone_strike", @"(?i:\bdrones?\b(?:\s+[\w-]+){0,4}?\s+(?:struck|hit|hits|attacked|attack|targeted|target|slammed\s+into|crashed\s+into|strike|strikes|sank|sink|sinks|destroyed|destroy|destroys|damaged|damage|damages|dropped|drops|pound|pounds|pounded|batter|batters|battered|sets?\s+(?:a\s+)?fire\s+to|set\s+ablaze)\b)"),
        ("drone_strike", @"(?i:\b(?:launched|launches|launch|launching|fired|fires|firing|sent|sends)\s+(?:" + Count + @"\s+)?(?:[\w-]+\s+)?(?:drones|UAVs|Shaheds|attack\s+drones)\b)"),
        ("drone_strike", @"(?i:\b(?:attacked|struck|targeted|hit)\s+(?:[\w-]+\s+){0,5}?with\s+(?:[\w-]+\s+)?drones\b)"),
        ("drone_strike", @"(?i:\bdropped\s+(?:[\w-]+\s+){0,3}?from\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:drones?|UAVs?|quadcopters?)\b)"),
        ("drone_strike", @"(?i:\b(?:launched|launches|fired|fires|sent|sends|dropped|drops)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:drone|UAV|Shahed)\s+(?:at|on|into)\b)"),
        ("missile_strike", @"(?i:\b(?:missile|ballistic|cruise\s+missile|rocket)[- ](?:strikes?|attacks?|barrages?|hits?)\b)"),
        ("missile_strike", @"(?i:\bmissiles?\b(?:\s+[\w-]+){0,3}?\s+(?:struck|hit|hits|slammed\s+into|strike|strikes|pound|pounds|pounded|destroyed|destroys|damaged|damages)\b)"),
        ("missile_strike", @"(?i:\b(?:launched|launches|launch|launching|fired|fires|firing)\s+(?:" + Count + @"\s+)?(?:[\w-]+\s+){0,2}?(?:missiles|Iskanders?|Kinzhals?|Kalibrs?|ATACMS)\b)"),
        ("air_strike", @"(?i:\b(?:air\s*strikes?|airstrikes?|aerial\s+(?:attacks?|bombardment|bombing)|bombing\s+raids?|air\s+raids?)\b)"),
        ("air_strike", @"(?i:\b(?:glide|guided|guided\s+aerial|aerial|KAB|FAB)\s+bombs?\b)"),
        ("air_strike", @"(?i:\bdropped\s+(?:[\w-]+\s+){0,3}?bombs?\b)"),
        ("air_strike", @"(?i:\b(?:bombed|bombs|bombing)\b)(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:\p{Lu}|positions|village|town|city))"),
        ("shelling", @"(?i:\b(?:shelled|shelling|shells)\b)"),
        ("shelling", @"(?i:\b(?:artillery|mortar|MLRS|Grad|multiple\s+rocket|rocket\s+launcher)s?\s+(?:fire|attacks?|strikes?|shelling|barrages?)\b)"),
        ("shelling", @"(?i:\bbombard(?:ed|ment|ing|s)?\b)"),
        ("shelling", @"(?i:\b(?:fired|launched|used)\s+(?:[\w-]+\s+){0,3}?(?:MLRS|Grads?|Uragans?|Smerch|artillery|mortars?|howitzers?|HIMARS|shells|rockets)\b)"),
        // Ground attacks on positions are battles, before the generic "attacked" below takes them as strikes.
        ("armed_clash", @"(?i:\b(?:attacked|attacks?|attacking|assaulted|stormed|storming|storm|raided|raid)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:positions?|trenches|defen[cs]es|defensive\s+lines?|strongholds?|units|troops|infantry|soldiers)\b)"),
        ("armed_clash", @"(?i:\b(?:attacked|attacking|attacks|assaulted|stormed)\s+(?:near|around|towards?|in\s+the\s+direction\s+of|in\s+the\s+(?:\w+\s+)?(?:direction|sector|area)|on\s+the\s+outskirts)\b)"),
        ("armed_clash", @"(?i:\b(?:fighting|battles?|hostilities|combat)\s+(?:took\s+place|continued|continues|raged|rages|broke\s+out|erupted|began|started|between|(?:is|are|was|were)\s+ongoing)\b)"),
        ("armed_clash", @"(?i:\b(?:exchanged\s+fire|ambush(?:ed)?|engaged\s+(?:in\s+)?(?:combat|fighting|battle))\b)"),
        ("armed_clash", @"(?i:\b(?:recaptured|retook|regained|captured|seized|lost)\s+(?:lost\s+|several\s+|some\s+|the\s+)?positions\b)"),
        ("armed_clash", @"(?i:\b(?:broke\s+through|breaks\s+through|breached|encircled|encircles|surrounded|besieged|infiltrated)\b)"),
        // "Ukrainian sabotage group destroyed in Bryansk region": a ground unit wiped out in fighting.
        ("armed_clash", @"(?i:\b(?:sabotage|reconnaissance|assault|infantry)(?:[- ]\w+)?\s+(?:groups?|units?|teams?|squads?)\s+(?:(?:was|were|had\s+been|has\s+been)\s+)?(?:destroyed|eliminated|neutrali[sz]ed|wiped\s+out|repelled)\b)"),
        // A failed assault is still a battle ("attempted to break into Chasiv Yar but were stopped").
        ("armed_clash", @"(?i:\b(?:attempted|tried|attempting|trying)\s+to\s+(?:storm|break|advance|capture|seize|assault|attack|push|encircle|cross|enter)\b)"),
        ("other", @"(?i:\b(?:blew\s+up|blown\s+up|detonated|went\s+off)\b)"),
        // (An assault on a place is a battle: armed_clash below.)
        ("other", @"(?i:\b(?:attacks?|strikes?|raids?)\s+(?:on|against|targeting)\b)"),
        ("other", @"(?i:\b(?:shot\s+dead|gunned\s+down|assassinated|car\s+bomb(?:ing)?)\b)"),
        // "598 drones and 31 missiles were launched at Ukraine": StrikeMeans tells which.
        ("other", @"(?i:\b(?:drones|missiles|UAVs|rockets)\s+(?:were|had\s+been|have\s+been)\s+(?:launched|fired)\s+(?:at|on|against|towards)\b)"),
        ("other", @"(?i:\bdropped\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:explosives?|grenades?|munitions?|ammunition)\s+(?:on|onto)\b)"),
        // "a civilian was killed by a Russian drone": the harm names the attack; StrikeMeans the weapon.
        ("other", @"(?i:\b(?:killed|injured|wounded|hurt|damaged|destroyed)\s+(?:in|by|during|as\s+a\s+result\s+of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:drones?|UAVs?|FPVs?|Shaheds?|missiles?|shells?|artillery|mortars?|bombs?|airstrikes?|strikes?|attacks?|explosions?|explosives?|mines?|landmines?)\b)"),
        ("other", @"(?i:\b(?:carried\s+out|conducted|launched)\s+(?:an?\s+)?(?:[\w-]+\s+){0,5}?(?:attacks?|strikes?|raids?)\b)"),
        ("armed_clash", @"(?i:\b(?:entered|enters|stormed|storms?)\b)(?=\s+(?:the\s+)?(?:(?i:village|town|city|outskirts)\s+(?:of\s+)?)?\p{Lu})"),
        ("other", @"(?i:\b(?:destroyed|sank|sunk|damaged)\b)(?=\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,3}?(?:boats?|ships?|vessels?|systems?|launchers?|batter(?:y|ies)|depots?|warehouses?|radars?|bridges?|tanks?|aircraft|helicopters?)\b)"),
        ("other", @"(?i:\bused\s+(?:[\w-]+\s+){1,3}?against\b)"),
        ("other", @"(?i:\b(?:fired|opened\s+fire)\s+(?:[\w-]+\s+){0,3}?(?:on|at|upon)\b)"),
        // ("spotting targets for Russian strikes", "defences against Russian attacks": attacks in general.)
        ("other", @"\b(?:Russian|Ukrainian)(?<!(?i:repelled|repulsed|repelling|repulsing|stopped|halted|fought\s+off|beat\s+back)\s+(?:[\w-]+\s+)?\w+)(?<!\b(?i:for|against)\s+\w+)\s+(?:[\w-]+\s+)?(?<t>(?i:strikes?|attacks?|raids?))\b"),
        ("other", @"(?i:\b(?:artillery|shells?|missiles?|rockets?|drones?|bombs?|forces|troops|strikes?|shelling|fire)\s+(?:[\w-]+\s+)?(?<t>hit|hits)\b)"),
        ("other", @"(?i:\b(?:hit|hits|pounded|pounds|targets|strikes)\b)(?!\s+for\b)(?=\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:\p{Lu}|city|town|village|settlement|port|infrastructure|facility|depot|refinery|plant|base|airfield|building|house|home|vehicle|car|bus|train|school|hospital|market|boat|ship|vessel|warship|tanks?|howitzers?|positions?|convoy|truck))"),
        ("other", @"(?i:\b(?:attacked|struck|targeted)\b)"),
        ("other", @"(?i:\b(?:reported|heard)\s+(?:[\w-]+\s+){0,2}?(?:explosions|blasts)\b)"),
        ("other", @"(?i:\b(?:explosions?|blasts?)\s+(?:rocked|hit|struck|were\s+heard|was\s+heard|were\s+reported|was\s+reported|occurred|thundered|rang\s+out|killed|damaged)\b)"),
        ("other", @"(?i:\b(?:landmine|mine|IED|improvised\s+explosive\s+device)s?\b(?:\s+\w+){0,3}?\s+(?:exploded|explosion|blast|detonated|killed|injured))"),
        ("other", @"^(?:The|This|That|These|Those)\s+(?:[\w-]+\s+)?(?i:strikes?|attacks?|assault|raids?|shelling|barrage|bombardment)\b"),
        // "claimed its forces had captured X" is the claim, not the capture: before the capture patterns.
        ("control_claim", @"(?i:\bclaim(?:s|ed)?\b(?:\s+[\w’'-]+){0,6}?\s+(?:captured|taken\s+(?:full\s+)?control\s+of|seized|liberated|took\s+(?:full\s+)?control\s+of)\b)"),
        // "occupied", but not "Russian-occupied" or "in occupied": the look-behind comes after the word, so that
        // every branch starts with a word the regex engine can search for (as a first branch it ran 1.4x slower).
        ("territory_taken", @"(?i:\b(?:occupied(?<!(?:-|\b(?:in|of|from|at|near|into|across|over|the|Russian)\s)occupied)|captured|captures?|seized|seizes?|liberated|liberates?|retook|retakes?|retaking|recaptured|recaptures?|recapturing|capturing|seizing|liberating|overran|overruns?|(?:took|takes?|gained|gains?)\s+(?:full\s+)?control\s+(?:of|over)|taken\s+control\s+(?:of|over)|took|taken)\b)(?=\s+(?:(?i:the\s+|a\s+|another\s+|two\s+|three\s+)?(?i:village|town|city|settlement|settlements|villages)\s+(?:(?i:of|in|near)\s+)?)?\p{Lu})"),
        ("territory_taken", @"(?i:\b(?:pushed|drove|forced|driven|pushed\s+back)\s+(?:[\w-]+\s+){0,3}?out\s+of|\b(?:expelled|ousted)\s+(?:[\w-]+\s+){0,3}?from|\bregained\s+control\s+(?:of|over))(?=\s+(?:(?i:the\s+)?(?i:village|town|city|settlement)\s+(?:of\s+)?)?\p{Lu})"),
        // A withdrawal is the other side's capture ("withdrew from Avdiivka after months of assaults").
        ("territory_taken", @"(?i:\b(?:withdrew|withdrawn|withdraws|withdrawing|retreated|retreats|pulled\s+(?:[\w-]+\s+){0,2}?(?:out|back))\s+(?:[\w-]+\s+){0,2}?(?:from|of))(?=\s+(?:(?i:the\s+)?(?i:village|town|city|settlement)\s+(?:of\s+)?)?\p{Lu})"),
        ("territory_taken", @"(?i:\b(?:village|town|city|settlement)\s+of\s+)(?=\p{Lu}[\p{L}'’-]+\s+(?i:was|has\s+been|had\s+been)\s+(?i:captured|seized|liberated|recaptured|taken))"),
        ("armed_clash", @"(?i:\b(?:clash(?:es|ed)?|fierce\s+fighting|heavy\s+fighting|fighting\s+(?:in|near|around|for|on)|fought|firefights?|skirmish(?:es)?|ground\s+assaults?|assaults?\s+(?:on|near|in)|repelled|repels?|repelling|repulsed|repulses?|repulsing|gain(?:s|ed|ing)?\s+ground|made\s+gains|push(?:es|ed)?\s+(?:[\w-]+\s+){0,3}?back|counter-?offensive|counter-?attack(?:s|ed|ing)?|offensive\s+(?:operations?\s+|actions?\s+)?(?:on|near|in|towards?)|advanc(?:e|es|ed|ing)\s+(?:on|near|towards?|in|into|around|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)|assault\s+attempts|combat\s+engagements?|advanc(?:ed|es|ing)\s+(?:up\s+to\s+|about\s+|some\s+|nearly\s+)?[\d.,]+\s*(?:km|kilomet(?:re|er)s?|met(?:re|er)s|miles))\b)"),
        ("phone_call", @"(?i:\b(?:phone|telephone|video)\s+(?:call|conversation|talks?)\b)"),
        ("phone_call", @"(?i:\b(?:spoke|speaks|talked|talks)\s+(?:by|over\s+the|on\s+the)\s+(?:phone|telephone)\b)"),
        ("phone_call", @"(?i:\bheld\s+(?:a|an)\s+(?:\S+\s+){0,3}?call\b)"),
        ("negotiation_round", @"(?i:\b(?:held|hold|holding|resumed|opened)\s+(?:\w+\s+){0,3}?(?:talks|negotiations)\b)"),
        ("negotiation_round", @"(?i:\b(?:talks|negotiations)\s+(?:were\s+)?(?:held|took\s+place|opened|resumed)\b)"),
        ("negotiation_round", @"(?i:\bdelegations?\s+(?:\w+\s+){0,3}?met\b)"),
        ("negotiation_round", @"(?i:\brounds?\s+of\s+(?:[\w-]+\s+){0,3}?(?:talks|negotiations)\b)"),
        ("meeting", @"(?i:\b(?:met|meets|meeting\s+with|visited|visits|hosted|summit\s+(?:with|in))\b)"),
        ("agreement", @"(?i:\b(?:signed|inked|concluded|reached|struck|agreed)\s+(?:[\w-]+\s+){0,4}?(?:treaty|agreement|deal|pact|accord|ceasefire|truce|memorandum)\b)"),
        ("agreement", @"(?i:\b(?:treaty|agreement|deal|accord|ceasefire|truce)\s+(?:was|were)\s+(?:signed|reached|agreed)\b)"),
        ("remains_exchange", @"(?i:\b(?:exchange|repatriation|return|handover|transfer)(?:s|d|ed)?\s+of\s+(?:the\s+)?(?:[\w,’'-]+\s+){0,4}?(?:bodies|remains)\b)"),
        ("remains_exchange", @"(?i:\b(?:bodies|remains)\s+of\s+(?:[\w,-]+\s+){0,3}?(?:soldiers|servicemen|fallen|troops|defenders)\b)"),
        ("remains_exchange", @"(?i:\brepatriat(?:ed|ion)\s+of\s+(?:[\w-]+\s+){0,3}?(?:soldiers|troops|servicemen)\s+killed\b)"),
        ("prisoner_swap", @"(?i:\b(?:prisoner|POW|captive)s?[- ](?:swaps?|exchanges?)\b)"),
        ("prisoner_swap", @"(?i:\b(?:exchange[ds]?|swap(?:ped|s)?|released?|releases|freed|returned|returns|handed\s+over)\s+(?:" + Count + @"\s+)?(?:[\w-]+\s+){0,3}?(?:prisoners|POWs|captives|detainees|prisoners\s+of\s+war|civilians|servicemen)\b)"),
        ("annexation", @"(?i:\b(?:annex(?:ed|ation|es|ing)?|incorporat(?:ed|ion|ing)\s+(?:[\w-]+\s+){0,3}?into|formally\s+absorbed)\b)"),
        ("control_estimate", @"(?i:\b(?:controls?|controlled|occup(?:y|ies|ied)|holds?)\s+(?:about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over|just\s+under|just\s+over)?\s*[\d.,]+\s*(?:per\s*cent|percent|%))"),
        ("control_claim", @"(?i:\bclaim(?:s|ed|ing)?\s+(?:the\s+|full\s+)?(?:capture|control|seizure|liberation)\s+of\b)"),
        ("control_claim", @"(?i:\b(?:occupied\s+by|under\s+(?:the\s+)?(?:[\w-]+\s+){0,2}control\s+of|in\s+(?:full\s+)?control\s+of|claim(?:s|ed)?\s+(?:to\s+)?(?:have\s+)?(?:captured|control|taken|seized)|now\s+controls?|fully\s+controls?|full\s+control\s+(?:of|over))\b)"),
        ("denial", @"(?i:\b(?:rejected|rejects|denied|denies|dismissed|dismisses|refuted|rebuffed)\b)"),
        ("accusation", @"(?i:\b(?:accused|accuses|accusing|made\s+the\s+accusation|blamed|blames|blaming|criticized|criticised|criticizes|criticises|condemned|condemns)\b)"),
        ("threat", @"(?i:\b(?:threatened|threatens|threatening)\b)"),
        ("appeal", @"(?i:\b(?:urged|urges|urging|called\s+for|calls\s+for|called\s+on|calls\s+on|appealed|appeals\s+for)\b)"),
        ("announcement", @"(?i:\b(?:announced|announces|unveiled|pledged|pledges|vowed)\b)"),
    ];

    private static readonly (string Subtype, Regex Pattern)[] Compiled =
        Table.Select(t => (t.Subtype, new Regex(t.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled))).ToArray();

    /// <summary>
    /// Word stems at least one of which every pattern of a sub-type needs: a sentence without any
    /// of a sub-type's stems skips its patterns (most sentences report nothing).
    /// </summary>
    private static readonly Dictionary<string, string[]> StemWords = new()
    {
        ["interception"] = ["down", "intercept", "destroy", "neutrali", "jam", "suppress", "defen", "repel", "repuls"],
        ["drone_strike"] = ["drone", "uav", "shahed", "geran"],
        ["missile_strike"] = ["missile", "ballistic", "rocket", "iskander", "kinzhal", "kalibr", "atacms"],
        ["air_strike"] = ["air", "aerial", "bomb", "kab"],
        ["shelling"] = ["shell", "artillery", "mortar", "mlrs", "grad", "rocket", "bombard", "uragan", "smerch", "howitzer", "himars"],
        ["other"] = ["attack", "strike", "assault", "raid", "struck", "target", "explosion", "blast", "mine", "ied", "explosive", "shelling", "barrage", "bombardment", "fire", "hit", "pound", "destroyed", "sank", "sunk", "damaged", "kill", "injur", "wound", "hurt", "used", "blew", "blown", "deton", "went off", "dropped", "launched", "shot dead", "gunned", "assassinat", "car bomb"],
        ["territory_taken"] = ["captur", "seiz", "liberat", "retook", "retak", "recaptur", "overran", "overrun", "occupied", "took", "taken", "control", "out of", "expelled", "ousted", "withdr", "retreat", "pulled"],
        ["armed_clash"] = ["clash", "fight", "fought", "firefight", "skirmish", "assault", "repel", "repuls", "offensive", "advanc", "combat", "attack", "storm", "battle", "hostilities", "fire", "ambush", "engaged", "raid", "enter", "ground", "gains", "push", "counter", "positions", "ongoing", "broke", "breach", "encircl", "surround", "besieg", "infiltrat", "attempt", "tried", "trying", "sabotage", "reconnaissance", "eliminat", "wiped"],
        ["phone_call"] = ["phone", "telephone", "video", "call"],
        ["negotiation_round"] = ["talks", "negotiation", "delegation"],
        ["meeting"] = ["met", "meet", "visit", "hosted", "summit"],
        ["agreement"] = ["treaty", "agreement", "deal", "pact", "accord", "ceasefire", "truce", "memorandum"],
        ["remains_exchange"] = ["bodies", "remains", "repatriat"],
        ["prisoner_swap"] = ["prisoner", "pow", "captive", "detainee", "civilian", "servicemen", "swap", "exchang", "releas", "freed", "returned", "handed"],
        ["annexation"] = ["annex", "incorporat", "absorbed"],
        ["control_estimate"] = ["cent", "%"],
        ["control_claim"] = ["occupied", "control", "claim"],
        ["denial"] = ["reject", "denied", "denies", "dismiss", "refuted", "rebuffed"],
        ["accusation"] = ["accus", "blam", "critici", "condemn"],
        ["threat"] = ["threat"],
        ["appeal"] = ["urg", "called", "calls", "appeal"],
        ["announcement"] = ["announc", "unveil", "pledg", "vowed"],
    };

    // One vectorised case-insensitive search per sub-type, not a lower-cased copy and a Contains per stem.
    private static readonly (string Subtype, SearchValues<string> Words)[] Stems =
        StemWords.Select(s => (s.Key, SearchValues.Create(s.Value, StringComparison.OrdinalIgnoreCase))).ToArray();

    /// <summary>
    /// Each pattern's sub-type as a position in <see cref="Stems"/>: looked up once, not hashed per sentence.
    /// A sub-type without stems would never be tried, so it stops the start instead.
    /// </summary>
    private static readonly int[] StemGroupOf = Compiled.Select(c => Array.FindIndex(Stems, s => s.Subtype == c.Subtype) is var group and >= 0
        ? group : throw new InvalidOperationException($"trigger sub-type '{c.Subtype}' has no stem words")).ToArray();

    private static readonly Regex WeaponFirst = new(@"^(?i:" + Weapon + @")\b", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Whether a trigger's text starts with the weapon ("drones were shot down"): the passive form.</summary>
    public static bool StartsWithWeapon(ReadOnlySpan<char> trigger) => WeaponFirst.IsMatch(trigger);

    private static readonly Regex WithdrawalFirst = new(@"^(?i:withdr|retreat|pulled\b)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Whether a capture is told as the other side's withdrawal ("withdrew from Avdiivka"): its subject lost the place.</summary>
    public static bool IsWithdrawal(ReadOnlySpan<char> trigger) => WithdrawalFirst.IsMatch(trigger);

    /// <summary>Every trigger in a sentence whose quoted speech has been blanked; overlapping matches keep the earlier rule.</summary>
    public static List<Trigger> Find(string narration)
    {
        var found = new List<Trigger>();
        var text = narration.AsSpan();
        Span<bool> present = stackalloc bool[Stems.Length];
        for (var g = 0; g < Stems.Length; g++) present[g] = text.ContainsAny(Stems[g].Words);
        for (var row = 0; row < Compiled.Length; row++)
        {
            if (!present[StemGroupOf[row]]) continue;
            var (subtype, pattern) = Compiled[row];
            foreach (Match match in pattern.Matches(narration))
            {
                // A pattern may name its trigger word "t" within a longer context ("Russian ... strikes").
                Group m = match.Groups["t"] is { Success: true } word ? word : match;
                if (m.Length == 0 && subtype != "territory_taken") continue;
                if (found.Any(f => f.Start < m.Index + Math.Max(m.Length, 1) && m.Index < f.End)) continue;
                found.Add(new Trigger(subtype, m.Index, Math.Max(m.Length, 1), subtype == "other" && m.Index == 0 && char.IsUpper(narration[0])));
            }
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }
}
