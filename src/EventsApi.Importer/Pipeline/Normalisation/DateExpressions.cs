using System.Buffers;
using System.Text.RegularExpressions;
using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// Codebook rule 4: finds the temporal expressions of a sentence and resolves them against the
/// document's publication date (already a local date in the newsroom's zone).
/// </summary>
public static partial class DateExpressions
{
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private const string Month = @"(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?";

    /// <summary>
    /// Ordered most specific first: a span claimed by an earlier pattern is not read again. Each
    /// pattern runs only when the sentence has what it cannot match without (a digit, a month name,
    /// a word): most sentences have no date, and the regexes were most of the coder's date time.
    /// </summary>
    private static readonly (Func<Cues, bool> When, Regex Pattern, Func<Match, LocalDate, EventDate?> Resolve)[] Patterns =
    [
        (c => c.Digit, new Regex(@"\b(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})\b", RegexOptions.Compiled), (m, _) => Day(Int(m, "y"), Int(m, "m"), Int(m, "d"))),
        (c => c.Digit && c.MonthName, new Regex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @",?\s+(?<y>\d{4})\b", RegexOptions.Compiled), (m, _) => Day(Int(m, "y"), MonthOf(m), Int(m, "d"))),
        (c => c.Digit && c.MonthName, new Regex(@"\b" + Month + @"\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b", RegexOptions.Compiled), (m, _) => Day(Int(m, "y"), MonthOf(m), Int(m, "d"))),
        (c => c.Digit && c.MonthName, new Regex(@"\b(?:(?:early|mid|late)[- ])?" + Month + @",?\s+(?<y>(?:19|20)\d{2})\b", RegexOptions.Compiled), (m, _) => EventDate.Month(Int(m, "y"), MonthOf(m))),
        (c => c.MonthName && c.Has("year"), new Regex(@"\b(?:in\s+)?(?:(?:early|mid|late)[- ])?" + Month + @"\s+(?<rel>last|this)\s+year\b", RegexOptions.Compiled), (m, p) => EventDate.Month(p.Year - (m.Groups["rel"].Value == "last" ? 1 : 0), MonthOf(m))),
        (c => c.Digit && c.MonthName, new Regex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @"\b", RegexOptions.Compiled), (m, p) => LatestDay(p, MonthOf(m), Int(m, "d"))),
        (c => c.Digit && c.MonthName, new Regex(@"\b" + Month + @"\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:per|%|km|kilomet|mile|people|drones|missiles))", RegexOptions.Compiled), (m, p) => LatestDay(p, MonthOf(m), Int(m, "d"))),
        (c => c.MonthName, new Regex(@"\b(?i:in|since|during|by|from|until|throughout|of|early|late|mid)[- ](?:(?i:early|mid|late)[- ])?" + Month + @"\b", RegexOptions.Compiled), (m, p) => LatestMonth(p, MonthOf(m))),
        (c => c.Digit, new Regex(@"\b(?i:in|since|during|by|throughout)\s+(?:(?i:early|mid|late)[- ])?(?<y>(?:19|20)\d{2})\b", RegexOptions.Compiled), (m, _) => EventDate.Year(Int(m, "y"))),
        (c => c.Has("ago"), new Regex(@"\b(?<ago>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+ago\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (m, p) => EventDate.Day(p.PlusDays(-Numbers.Parse(m.Groups["ago"].Value)!.Value))),
        (c => c.Has("day"), new Regex(@"\b(?:(?:last|this\s+past|on|early\s+on|late\s+on)\s+)?(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?\b", RegexOptions.Compiled), (m, p) => EventDate.Day(LatestWeekday(p, m.Groups["wd"].Value))),
        (c => c.Has("yesterday"), new Regex(@"\byesterday\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => EventDate.Day(p.PlusDays(-1))),
        (c => c.Has("today") || c.Has("tonight") || c.Has("this "), new Regex(@"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => EventDate.Day(p)),
        (c => c.Has("night"), new Regex(@"\b(?:overnight|last night)\b(?!\s+(?:on|of|into|to)\s+(?:the\s+)?(?:\d|" + Month + @"))", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => new EventDate(p.PlusDays(-1), p, DatePrecision.Day)),
        (c => c.Has("week"), new Regex(@"\blast\s+week\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => LastWeek(p)),
        (c => c.Has("week"), new Regex(@"\bthis\s+week\b|\bearlier\s+this\s+week\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => new EventDate(p.PlusDays(1 - (int)p.DayOfWeek), p, DatePrecision.Week)),
        (c => c.Has("month"), new Regex(@"\blast\s+month\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => EventDate.Month(p.PlusMonths(-1).Year, p.PlusMonths(-1).Month)),
        (c => c.Has("month"), new Regex(@"\b(?:earlier\s+)?this\s+month\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => new EventDate(new LocalDate(p.Year, p.Month, 1), p, DatePrecision.Month)),
        (c => c.Has("year"), new Regex(@"\blast\s+year\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => EventDate.Year(p.Year - 1)),
        (c => c.Has("year"), new Regex(@"\b(?:earlier\s+)?this\s+year\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, p) => new EventDate(new LocalDate(p.Year, 1, 1), p, DatePrecision.Year)),
        (c => c.Has("day"), new Regex(@"\b(?:on\s+)?(?:the\s+same\s+day|that\s+same\s+day|that\s+day)\b", RegexOptions.IgnoreCase | RegexOptions.Compiled), (_, _) => null),
    ];

    public static List<DateMention> Find(string sentence, LocalDate published) => Find(sentence, published, reanchored: false);

    private static List<DateMention> Find(string sentence, LocalDate published, bool reanchored)
    {
        var found = new List<DateMention>();
        var cues = new Cues(sentence);
        bool[]? claimed = null;
        foreach (var (when, pattern, resolve) in Patterns)
        {
            if (!when(cues)) continue;
            claimed ??= new bool[sentence.Length];
            foreach (Match m in pattern.Matches(sentence))
            {
                if (claimed.AsSpan(m.Index, m.Length).Contains(true)) continue;
                EventDate? date;
                try { date = resolve(m, published); }
                catch (ArgumentOutOfRangeException) { continue; } // "31 February": not a date
                var sameDay = date is null;
                if (date is not null && date.Start > published) continue; // the future is not an event date
                claimed.AsSpan(m.Index, m.Length).Fill(true);
                var (since, clauseStart, clauseEnd) = SinceClause(sentence, m.Index, m.Length);
                found.Add(new DateMention(m.Index, m.Length, date, sameDay, since, clauseStart, clauseEnd));
            }
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        // "... drones overnight, the air force said on 10 May": the day of the report, not the publication,
        // is what "overnight", "yesterday" and "on Tuesday" count back from.
        var report = reanchored ? null : found.FirstOrDefault(d => d.Date is { Precision: DatePrecision.Day } date && date.Start < published
            && ReportedOnBefore().IsMatch(sentence.AsSpan(0, d.Start)));
        return report is null ? found : Find(sentence, report.Date!.Start, reanchored: true);
    }

    [GeneratedRegex(@"\b(?:said|says|reported|reports|stated|announced|claimed|wrote|added|confirmed)\s+(?:on\s+)?$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex ReportedOnBefore();

    /// <summary>
    /// Whether the expression sits in a "since ..." clause, and where that clause starts and ends.
    /// The word may open the expression itself ("since August").
    /// </summary>
    private static (bool Since, int ClauseStart, int ClauseEnd) SinceClause(string sentence, int index, int length)
    {
        var clauseStart = Math.Max(sentence.LastIndexOfAny([',', ';', '—', '(', '–'], Math.Max(0, index - 1)), 0);
        var since = SinceWord().IsMatch(sentence.AsSpan(clauseStart, index + length - clauseStart));
        var end = sentence.IndexOfAny([',', ';', '—', ')', '–'], index);
        return (since, clauseStart, end < 0 ? sentence.Length : end);
    }

    private static EventDate Day(int year, int month, int day) => EventDate.Day(new LocalDate(year, month, day));

    /// <summary>"On May 16": the latest such day on or before publication.</summary>
    private static EventDate LatestDay(LocalDate published, int month, int day)
    {
        var candidate = new LocalDate(published.Year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(published.Year, month)));
        if (day > CalendarSystem.Iso.GetDaysInMonth(published.Year, month)) throw new ArgumentOutOfRangeException(nameof(day));
        return EventDate.Day(candidate <= published ? candidate : candidate.PlusYears(-1));
    }

    /// <summary>"In June": the latest such month on or before publication.</summary>
    private static EventDate LatestMonth(LocalDate published, int month) =>
        EventDate.Month(month <= published.Month ? published.Year : published.Year - 1, month);

    private static LocalDate LatestWeekday(LocalDate published, string weekday)
    {
        var target = Enum.Parse<IsoDayOfWeek>(weekday);
        var back = ((int)published.DayOfWeek - (int)target + 7) % 7;
        return published.PlusDays(-back);
    }

    private static EventDate LastWeek(LocalDate published)
    {
        var monday = published.PlusDays(1 - (int)published.DayOfWeek).PlusDays(-7);
        return new EventDate(monday, monday.PlusDays(6), DatePrecision.Week);
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value);

    private static int MonthOf(Match m)
    {
        var text = m.Groups["month"].Value.ToLowerInvariant();
        return Array.FindIndex(MonthNames, name => name.StartsWith(text[..3], StringComparison.Ordinal)) + 1;
    }

    /// <summary>What a sentence contains that some pattern needs; checked by vectorised searches, not regexes.</summary>
    private sealed class Cues(string sentence)
    {
        // Month names are matched case-sensitively by the patterns, so their cue is too.
        private static readonly SearchValues<string> MonthStarts =
            SearchValues.Create(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], StringComparison.Ordinal);

        public bool Digit { get; } = sentence.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        public bool MonthName { get; } = sentence.AsSpan().ContainsAny(MonthStarts);
        // One SearchValues per word: vectorised, where string.Contains(word, OrdinalIgnoreCase) takes
        // a slow path under invariant globalization.
        private static readonly Dictionary<string, (int Index, SearchValues<string> Values)> Words =
            new[] { "ago", "day", "yesterday", "today", "tonight", "this ", "night", "week", "month", "year" }
                .Select((w, i) => (w, i)).ToDictionary(p => p.w, p => (p.i, SearchValues.Create([p.w], StringComparison.OrdinalIgnoreCase)));

        // Several patterns ask for the same word ("day", "year"): each is searched for once per sentence.
        private readonly bool?[] has = new bool?[Words.Count];

        public bool Has(string word)
        {
            var (index, values) = Words[word];
            return has[index] ??= sentence.AsSpan().ContainsAny(values);
        }
    }

    [GeneratedRegex(@"\bsince\b", RegexOptions.IgnoreCase)]
    private static partial Regex SinceWord();
}
