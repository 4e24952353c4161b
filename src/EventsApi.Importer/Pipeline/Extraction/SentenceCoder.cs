using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Merging;
using EventsApi.Importer.Pipeline.Normalisation;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>What the sentence coder needs from the document around the sentence.</summary>
public sealed record SentenceContext(SourceDocument Document, int Index, EventDate? LastDay, IReadOnlyList<Place> Places);

/// <summary>
/// A sentence's mentions: found once, used by the coder and by the document's context. Triggers and
/// dates are read at once (every sentence's dates carry on to the next); places and actors only when
/// something asks for them, which most sentences without a trigger never do.
/// </summary>
public sealed class SentenceMentions(string narration, List<Trigger> triggers, List<DateMention> dates,
    Func<(List<PlaceMention> Places, List<ActorMention> Actors)> names)
{
    private readonly Lazy<(List<PlaceMention> Places, List<ActorMention> Actors)> names = new(names, LazyThreadSafetyMode.None);

    public string Narration => narration;
    public List<Trigger> Triggers => triggers;
    public List<DateMention> Dates => dates;
    public List<PlaceMention> Places => names.Value.Places;
    public List<ActorMention> Actors => names.Value.Actors;
}

/// <summary>
/// Codes one sentence: triggers give sub-types; each trigger takes its date, places and actors
/// (rules 1, 2, 4-7); several places of one action become several events.
/// </summary>
public sealed partial class SentenceCoder(Gazetteer gazetteer, ActorDictionary actors)
{
    private readonly PlaceFinder placeFinder = new(gazetteer);
    private readonly ActorFinder actorFinder = new(actors);
    private readonly ActorRoles actorRoles = new(new ActorRelations(actors));
    private readonly ImpliedPlacesAndActors implied = new(gazetteer, actors, new ActorRelations(actors));

    public SentenceMentions Read(Sentence sentence, NodaTime.LocalDate published)
    {
        var narration = Narration.Of(sentence.Text);
        // Names in a dateline ("KYIV, Nov 17 (Wire) - ") are not read: neither finder sees its words.
        var dateline = Dateline.Length(sentence.Text);
        return new SentenceMentions(narration, Triggers.Find(narration), DateExpressions.Find(sentence.Text, published), () =>
        {
            var tokens = NameScanner.Tokens(sentence.Text).Where(t => t.Start >= dateline).ToList();
            var places = placeFinder.Find(sentence.Text, tokens);
            var actorMentions = actorFinder.Find(sentence.Text, tokens).Where(a => !a.Actor.IsMedia).ToList();
            SeparatePlacesFromActors(sentence.Text, places, actorMentions);
            return (places, actorMentions);
        });
    }

    public List<Candidate> Code(Sentence sentence, SentenceMentions m, SentenceContext context)
    {
        var triggers = m.Triggers.Where(t => !Hedges.Blocks(m.Narration, t, Taxonomy.TypeOf(t.Subtype), m.Triggers)).ToList();
        triggers.RemoveAll(t => Repelled(m.Narration, t, triggers));
        // "Russia has carried out repeated strikes on the grid since March": attacks dated only by when
        // a series began are that series, not an event of a date.
        triggers.RemoveAll(t => Taxonomy.TypeOf(t.Subtype) is "strike" or "battle" && PickDate(t, m.Dates, sentence.Text) is { Since: true });
        if (triggers.Count == 0) return [];
        var dated = triggers.Select(t => (Trigger: t, Date: DateFor(t, m.Dates, sentence.Text, context))).ToList();
        dated.AddRange(Repeats(sentence.Text, triggers, m.Dates, context));

        var placesByTrigger = AssignPlaces(m.Places, dated.Select(d => d.Trigger).ToList());
        var (killed, injured) = Casualties.Find(sentence.Text);
        var attributions = Attribution().Matches(sentence.Text).Select(a => (a.Index, End: a.Index + a.Length)).ToArray();

        var groups = dated
            .GroupBy(d => (Key: GroupKey(d.Trigger.Subtype), d.Date?.Start, d.Date?.End))
            .Select(g => g.ToList())
            .ToList();
        var hasExchange = groups.Any(g => Taxonomy.TypeOf(g[0].Trigger.Subtype) == "prisoner_exchange");

        var candidates = new List<Candidate>();
        foreach (var group in groups)
        {
            // The trigger that says most: a specific sub-type, else one with its actor just before it
            // ("Explosions were reported ... after a Ukrainian strike").
            var trigger = group.FirstOrDefault(g => g.Trigger.Subtype != "other").Trigger
                ?? group.Select(g => g.Trigger).FirstOrDefault(t => m.Actors.Any(a => a.End <= t.Start && t.Start - a.End <= 25))
                ?? group[0].Trigger;
            var subtype = trigger.Subtype;
            var type = Taxonomy.TypeOf(subtype);
            if (subtype == "other" && type == "strike") subtype = StrikeMeans.In(m.Narration) ?? subtype;
            if (subtype == "agreement" && hasExchange) continue; // "reached a deal on a prisoner swap" is the swap
            // Who reports an attack ("..., the General Staff said") does not take part in it.
            var mentionedActors = type is "strike" or "battle" ? m.Actors.Where(a => !attributions.Any(s => a.Start >= s.Index && a.End <= s.End)).ToList() : m.Actors;
            // "The attack came as Biden was considering whether to allow Kyiv ...": a sentence that refers back
            // adds only what its own clause says about the event.
            var (ownStart, ownEnd) = trigger.Anaphoric ? Clause(sentence.Text, trigger.Start) : (0, sentence.Text.Length);
            mentionedActors = mentionedActors.Where(a => a.Start >= ownStart && a.End <= ownEnd).ToList();
            var roles = actorRoles.Of(type, subtype, trigger, mentionedActors, sentence.Text);
            if (subtype == "other" && type == "strike" && ByGroundForces(sentence.Text, trigger, roles, mentionedActors))
                (type, subtype) = ("battle", "armed_clash");
            if (subtype == "meeting" && roles.Count(r => r.Actor.Kind == ActorKind.State || r.Actor.Kind == ActorKind.Organisation) >= 2
                && roles.All(r => r.Actor.Kind != ActorKind.Person))
                subtype = "negotiation_round";
            var date = group[0].Date;
            var places = group.SelectMany(g => placesByTrigger.GetValueOrDefault(g.Trigger) ?? []).Distinct()
                .Where(p => p.Start >= ownStart && p.End <= ownEnd).ToList();
            var resolved = ResolvePlaces(places, type, subtype, m, context);
            resolved = implied.Complete(new ImpliedFacts(type, subtype, trigger, roles, resolved, m, mentionedActors, sentence.Text[ownStart..ownEnd]), context);

            var candidate = new Candidate
            {
                Type = type,
                Subtype = subtype,
                Date = date ?? EventDate.WeekEnding(context.Document.Published),
                DateExplicit = date is not null,
                Actors = roles,
                Fatalities = type is "strike" or "battle" ? killed : null,
                Injured = type is "strike" or "battle" ? injured : null,
                Quantity = QuantityFor(subtype, sentence.Text, trigger),
                Sources = [Source(context.Document, sentence)],
                Document = context.Document,
                Sentence = context.Index,
                LastSentence = context.Index,
                Anaphoric = trigger.Anaphoric,
            };
            if (resolved.Count == 0) candidates.Add(candidate);
            else if (resolved.Count == 1) candidates.Add(candidate.With(resolved[0]));
            else
            {
                // One toll for several places ("struck Kyiv, Dnipro and Kryvyi Rih, killing 38") belongs to none of them alone.
                candidate.Fatalities = candidate.Injured = null;
                candidates.AddRange(resolved.Select(candidate.With));
            }
        }
        // Codebook rule 3: one statement per speaker and sentence, the first verb of speech ("made the accusation ..., urging").
        var firstStatement = candidates.FirstOrDefault(c => c.Type == "statement");
        candidates.RemoveAll(c => c.Type == "statement" && c != firstStatement);
        // A sentence that reports an action is coded as that action; its incidental verbs of speech are not statements.
        if (candidates.Any(c => c.Type != "statement" && c.Place is not null || c.Type is "talks" or "prisoner_exchange"))
            candidates.RemoveAll(c => c.Type == "statement");
        return candidates;
    }

    /// <summary>
    /// "Air defence repels missile attack", "intercepted 12 drones that targeted Kyiv": the attack
    /// intercepted is the interception's object, not a second event (its place is the interception's).
    /// </summary>
    private static bool Repelled(string narration, Trigger trigger, List<Trigger> triggers) =>
        Taxonomy.TypeOf(trigger.Subtype) == "strike" && trigger.Subtype != "interception"
        && triggers.Any(i => i.Subtype == "interception" && i.End <= trigger.Start && trigger.Start - i.End <= 30
            && ObjectBetween().IsMatch(narration.AsSpan(i.End, trigger.Start - i.End)));

    [GeneratedRegex(@"^\s+(?:(?:a|an|the|another|massive|large|large-scale|combined|overnight|Russian|Ukrainian|enemy)\s+)*$|^\s+(?:that|which)\s+(?:had\s+|have\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectBetween();

    /// <summary>
    /// "Fighters of the Russian Volunteer Corps attacked Tetkino": an attack by ground units, with no
    /// weapon named, on a place is fighting there, not a strike.
    /// </summary>
    private static bool ByGroundForces(string sentence, Trigger trigger, List<EventActor> roles, List<ActorMention> mentions)
    {
        if (!AttackVerb().IsMatch(sentence.AsSpan(trigger.Start, trigger.Length))) return false;
        var initiator = roles.FirstOrDefault(r => r.Role == ActorRole.Initiator)?.Actor;
        var mention = mentions.FirstOrDefault(a => a.Actor == initiator && a.End <= trigger.Start);
        if (mention is null) return false;
        // The subject around the actor's name: "fighters of the RVC", "Russian infantry units".
        var from = Math.Max(0, mention.Start - 20);
        return GroundUnits().IsMatch(sentence.AsSpan(from, trigger.Start - from));
    }


    [GeneratedRegex(@"^(?:attacked|attacks|stormed|storms|assaulted|raided)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AttackVerb();

    [GeneratedRegex(@"\b(?:troops|fighters|soldiers|infantry|units|assault\s+groups?|brigades?|battalions?|regiments?|marines|paratroopers|corps|legion|saboteurs|sabotage\s+groups?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GroundUnits();

    private static Quantity? QuantityFor(string subtype, string sentence, Trigger trigger)
    {
        string[] units = subtype switch
        {
            "drone_strike" or "interception" => ["drones", "missiles"],
            "missile_strike" => ["missiles"],
            "prisoner_swap" => ["prisoners"],
            "remains_exchange" => ["bodies"],
            "control_estimate" or "control_claim" => ["percent"],
            _ => [],
        };
        if (units.Length == 0) return null;
        var (start, end) = Clause(sentence, trigger.Start);
        start = Math.Min(start, trigger.Start);
        end = Math.Max(end, trigger.End);
        return Casualties.QuantityNear(sentence[start..end], trigger.Start - start, units);
    }

    public static EventSource Source(SourceDocument document, Sentence sentence) =>
        new(document.Id, sentence.Text, CodePoints(document.Body, sentence.Offset), CodePoints(sentence.Text, sentence.Text.Length));

    /// <summary>Offsets on the wire count Unicode code points, as Python's and most languages' string indexes do.</summary>
    private static int CodePoints(string text, int utf16Length)
    {
        // Asked for each event's sentence from the start of the body: a vectorised search skips to the
        // first surrogate, and most articles have none.
        var first = text.AsSpan(0, utf16Length).IndexOfAnyInRange('\uD800', '\uDBFF');
        if (first < 0) return utf16Length;
        var count = utf16Length;
        for (var i = first; i < utf16Length - 1; i++) if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1])) count--;
        return count;
    }

    private static string GroupKey(string subtype) => subtype == "interception" ? subtype : Taxonomy.TypeOf(subtype) switch
    {
        "strike" or "battle" => Taxonomy.TypeOf(subtype),
        _ => subtype,
    };

    /// <summary>
    /// A trigger's date: the nearest date in its own clause, else the nearest before it, else the
    /// nearest after it. A date inside a "since ..." clause dates only what that clause says.
    /// </summary>
    private static EventDate? DateFor(Trigger trigger, List<DateMention> dates, string sentence, SentenceContext context) =>
        PickDate(trigger, dates, sentence) is not { } pick ? null : pick.SameDay ? context.LastDay : pick.Date;

    /// <summary>The date expression that dates a trigger: in its clause, else the nearest before it, else the nearest.</summary>
    private static DateMention? PickDate(Trigger trigger, List<DateMention> dates, string sentence)
    {
        var eligible = dates.Where(d => !d.Since || trigger.Start >= Math.Max(d.ClauseStart, d.Start - 60) && trigger.Start < d.ClauseEnd).ToList();
        if (eligible.Count == 0) return null;
        var (clauseStart, clauseEnd) = Clause(sentence, trigger.Start);
        return eligible.Where(d => d.Start >= clauseStart && d.End <= clauseEnd).OrderBy(d => Distance(trigger, d)).FirstOrDefault()
            ?? eligible.Where(d => d.End <= trigger.Start).OrderBy(d => Distance(trigger, d)).FirstOrDefault()
            ?? eligible.OrderBy(d => Distance(trigger, d)).First();
    }

    private static int Distance(Trigger t, DateMention d) => d.Start >= t.End ? d.Start - t.End : Math.Max(0, t.Start - d.End);

    /// <summary>The clause around a position: between the nearest boundaries (punctuation, "when", "but", "came as").</summary>
    internal static (int Start, int End) Clause(string sentence, int at)
    {
        if (!ReferenceEquals(sentence, boundariesOf))
        {
            boundaries = ClauseBoundary().Matches(sentence).Select(b => (b.Index, b.Index + b.Length)).ToArray();
            boundariesOf = sentence;
        }
        var (start, end) = (0, sentence.Length);
        foreach (var (index, stop) in boundaries!)
        {
            if (stop <= at) start = Math.Max(start, stop);
            else if (index > at) end = Math.Min(end, index);
        }
        return (start, end);
    }

    // The clauses of one sentence are asked for many times (each trigger's date, quantity and actors):
    // the last sentence's boundaries are kept, per thread, as documents are coded in parallel.
    [ThreadStatic] private static string? boundariesOf;
    [ThreadStatic] private static (int Index, int End)[]? boundaries;

    /// <summary>"They met on May 16, ... and again on June 2": the sentence's first action, repeated at the new date.</summary>
    private static IEnumerable<(Trigger Trigger, EventDate? Date)> Repeats(string sentence, List<Trigger> triggers, List<DateMention> dates, SentenceContext context)
    {
        foreach (Match again in AgainPattern().Matches(sentence))
        {
            var first = triggers.FirstOrDefault(t => t.End <= again.Index);
            var date = dates.FirstOrDefault(d => d.Start == again.Index + again.Length);
            if (first is null || date is null) continue;
            yield return (first with { Start = again.Index, Length = again.Length, RepeatOf = first }, date.SameDay ? context.LastDay : date.Date);
        }
    }

    /// <summary>Each place goes to the nearest trigger: "met in Istanbul" takes Istanbul, a later "annexed Crimea" takes Crimea.</summary>
    private static Dictionary<Trigger, List<PlaceMention>> AssignPlaces(List<PlaceMention> places, List<Trigger> triggers)
    {
        var result = new Dictionary<Trigger, List<PlaceMention>>();
        foreach (var place in places)
        {
            var nearest = triggers.Where(t => t.RepeatOf is null).MinBy(t => place.Start >= t.End ? place.Start - t.End : Math.Max(0, t.Start - place.End) + 1);
            if (nearest is null) continue;
            if (!result.TryGetValue(nearest, out var list)) result[nearest] = list = [];
            list.Add(place);
        }
        // A repeated action ("and again on June 2") happens where the original did.
        foreach (var repeat in triggers.Where(t => t.RepeatOf is not null && !result.ContainsKey(t)))
        {
            if (result.TryGetValue(repeat.RepeatOf!, out var list)) result[repeat] = list;
        }
        return result;
    }

    /// <summary>
    /// The places of one action: the most specific level named; a place that contains another named
    /// place is context, not a second location ("Izhevsk, Udmurt Republic" is Izhevsk).
    /// </summary>
    private List<ResolvedPlace> ResolvePlaces(List<PlaceMention> mentions, string type, string subtype, SentenceMentions m, SentenceContext context)
    {
        // Calls and statements have no location of their own (codebook rule 5): where a statement
        // mentions a place, that is what it is about, not where it was made.
        if (type == "statement" || subtype == "phone_call" || mentions.Count == 0) return [];
        // "Vuhledar (Donetsk)" is one place: the region only says where Vuhledar is.
        mentions = mentions.Where(q => q.QualifiesAt is not { } at || !mentions.Any(p => p.Start == at)).ToList();
        // "... shelled Huliaipole, the Zaporizhzhia regional administration said": the office's region is context.
        if (mentions.Any(p => !p.IsContext)) mentions = mentions.Where(p => !p.IsContext).ToList();
        var preferRegion = type == "territorial_claim";
        var sentenceContext = m.Places.Where(p => p.Candidates.Count == 1).Select(p => p.Candidates[0])
            .Concat(m.Places.Where(p => p.Candidates.Count > 1 && p.NamedAsRegion).Select(p => placeFinder.Choose(p, context.Places, true)))
            .Concat(context.Places).ToList();
        // "In the Kupiansk sector, ... near Petropavlivka and Pishchane": villages of the sector's oblast, where it has them.
        var front = m.Places.Where(p => p.Context == PlaceContext.Sector).Select(p => placeFinder.Choose(p, context.Places, false))
            .Select(p => p.ParentId is { } parent ? gazetteer.Find(parent) : null).OfType<Place>().Where(p => p.Level == PlaceLevel.Admin1).ToList();
        sentenceContext.InsertRange(0, front);
        var picks = mentions.Select(mention => (Mention: mention, Place: placeFinder.Choose(mention, sentenceContext, preferRegion)))
            .Select(p => front.Count > 0 && !p.Mention.IsContext && p.Place.Level == PlaceLevel.Settlement && !front.Any(f => gazetteer.Contains(f, p.Place))
                ? p with { Place = front[0] } : p)
            .ToList();
        // Where talks took place is only what the text puts after "in" / "at".
        if (type == "talks") picks = picks.Where(p => LocativeBefore().IsMatch(m.Narration.AsSpan(0, p.Mention.Start))).ToList();
        var chosen = picks.Select(p => p.Place).DistinctBy(p => p.Id).ToList();
        chosen = chosen.Where(p => !chosen.Any(o => o.Id != p.Id && gazetteer.Contains(p, o))).ToList();
        if (chosen.Count > 1 && chosen.Any(p => p.Level != PlaceLevel.Country)) chosen.RemoveAll(p => p.Level == PlaceLevel.Country);
        return chosen.Where(p => p.Level != PlaceLevel.WorldRegion).Select(gazetteer.Resolve).ToList();
    }


    /// <summary>
    /// A name that is both a place and an actor (Moscow, Kyiv, Ukraine) is a place after a locative
    /// word ("in Moscow") or before a region word, otherwise an actor ("Moscow denied"). A name that
    /// is part of a longer name of the other kind ("Kyiv Independent", "Russian territory") belongs to it.
    /// </summary>
    private static void SeparatePlacesFromActors(string sentence, List<PlaceMention> places, List<ActorMention> actorMentions)
    {
        places.RemoveAll(p => actorMentions.Any(a => a.Start <= p.Start && a.End >= p.End && a.Length > p.Length));
        actorMentions.RemoveAll(a => places.Any(p => p.Start <= a.Start && p.End >= a.End && p.Length > a.Length));
        foreach (var place in places.ToList())
        {
            var same = actorMentions.FirstOrDefault(a => a.Start == place.Start && a.End == place.End);
            if (same is null) continue;
            var locative = LocativeBefore().IsMatch(sentence.AsSpan(0, place.Start)) || place.NamedAsRegion && place.Candidates.Any(c => c.Level == PlaceLevel.Admin1);
            // "Ukraine's eastern Luhansk region": a country qualifying a place is not an actor.
            var qualifies = PossessiveBefore().IsMatch(sentence.AsSpan(place.Start)) && places.Any(o => o.Start > place.End && o.Start - place.End < 25);
            // "Kyiv hit by a missile attack", "Zaporizhzhia: one killed": where an attack falls is a place.
            var struck = PassiveAttackAfter().IsMatch(sentence.AsSpan(place.End));
            // "hit Lviv, Odesa and Kyiv", "over Moscow and Bryansk": a name listed with a place is a place.
            var listed = !SpeechAfter().IsMatch(sentence.AsSpan(place.End)) && places.Any(o => o != place && !actorMentions.Any(a => a.Start == o.Start)
                && (o.End <= place.Start && NeighbouringPlaces.ListJoins(sentence.AsSpan(o.End, place.Start - o.End))
                    || o.Start >= place.End && NeighbouringPlaces.ListJoins(sentence.AsSpan(place.End, o.Start - place.End))));
            if (locative || qualifies || listed || struck) actorMentions.Remove(same);
            else places.Remove(place);
        }
    }

    [GeneratedRegex(@"(?:\b(?:in|into|near|at|on|over|across|around|outside|inside|throughout|within|toward|towards|targeting|targeted|hit|hitting|struck|striking|attacked|attacking|shelled|shelling|bombed|pounded|captured|liberated|seized|entered|of\s+the\s+(?:city|town|village|region)\s+of)\s+(?:the\s+)?(?:(?:city|town|village|region|capital|port\s+city|settlement)\s+(?:of\s+)?)?)$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex LocativeBefore();

    /// <summary>"Kyiv hit by ...", and a headline's dateline "Zaporizhzhia: one killed ...".</summary>
    [GeneratedRegex(@"^\s+(?:was\s+|is\s+|were\s+|came\s+)?(?:hit|struck|attacked|shelled|targeted|rocked|bombed|pounded)\s+by\b|^\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex PassiveAttackAfter();

    /// <summary>"..., Moscow says": a name that speaks is an actor.</summary>
    [GeneratedRegex(@"^\s+(?:says|said|claims|claimed|reports|reported|announced|announces|denies|denied|confirms|confirmed)\b")]
    private static partial Regex SpeechAfter();

    [GeneratedRegex(@"^[\p{L}\s-]+['’]s\s")]
    private static partial Regex PossessiveBefore();

    /// <summary>
    /// "..., the Ukrainian General Staff said." and "according to the regional governor". Only at the
    /// end: in "..., the Navy said it had hit ..." or "..., units reported repelling ..." the speaker is the one who acted.
    /// </summary>
    [GeneratedRegex(@",\s*(?:the\s+|a\s+)?[^,;]{0,80}?\b(?:said|says|reported|claimed|stated|announced|wrote|added)\b(?!\s+(?:that|it|they|he|she|its|their|repelling|repulsing|destroying|shooting|downing|capturing|liberating|hitting|striking)\b)(?:\s+[^\s,;]+){0,6}\W*$|\baccording\s+to\b[^,;.]*", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"[,;—–()]|\b(?:when|while|after|but|which|who|came\s+as)\b")]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"\bagain\s+(?:on|in)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AgainPattern();
}
