using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace EventsApi.Core.Storage;

/// <summary>
/// What FilterBitmaps needs to know of a file's events by seq, read once per file (by its dataset
/// version, which hashes every event: files of one version hold the same events in the same order)
/// and kept for the few files served lately: which seqs start on each day (events are stored in date
/// order, so a day, a month or a year is a range of seq), which events last longer than a day, which
/// types, sub-types, oblasts and countries there are, and each event's fatalities. At 1M events: 3,000
/// days, 150,000 long events and 6 bit planes of fatalities (750 KB).
/// </summary>
public sealed class SeqCalendar
{
    /// <summary>Each day that has events (ISO, and as <see cref="Day(LocalDate)"/>), in order, and the first of its seqs; the last entry's seqs run to the end.</summary>
    private readonly string[] days;
    private readonly int[] dayNumbers;
    private readonly long[] firstSeqs;
    private readonly Dictionary<string, IReadOnlyList<(string Period, long First, long Last)>> periods = [];

    /// <summary>The events that last longer than their start day, with their last day.</summary>
    public LongEvents Long { get; }

    /// <summary>The types and the sub-types that events have: a timeline's groups.</summary>
    public IReadOnlyList<string> Types { get; }
    public IReadOnlyList<string> Subtypes { get; }

    /// <summary>The oblasts events are in, each with its name, and the countries, each under its id: a timeline's groups, in SQL's order of their labels.</summary>
    public IReadOnlyList<(string Id, string Label)> Admin1s { get; }
    public IReadOnlyList<(string Id, string Label)> Countries { get; }

    /// <summary>
    /// The events' fatalities as bit planes over seq (bit seq - 1), written at import: plane k holds the
    /// events whose count has bit k set, so the fatalities of a set of events are the sum over k of 2^k
    /// times the bits it shares with plane k, counted a word at a time rather than event by event. As
    /// many planes as the largest count has bits; events with none known are in no plane (SUM skips them).
    /// </summary>
    public ulong[][] FatalityPlanes { get; }

    /// <summary>The events with fatalities above zero (any plane's bit): most have none, and need no plane counted.</summary>
    public ulong[] AnyFatalities { get; }

    private SeqCalendar(SqliteConnection connection)
    {
        var perDay = connection.QueryPrepared<(string Day, long Events)>("SELECT date, SUM(events) FROM day_type_counts GROUP BY date ORDER BY date");
        days = perDay.Select(d => d.Day).ToArray();
        dayNumbers = days.Select(Day).ToArray();
        firstSeqs = new long[days.Length];
        long seq = 1;
        for (var i = 0; i < perDay.Count; i++)
        {
            firstSeqs[i] = seq;
            seq += perDay[i].Events;
        }
        // Read row by row: Dapper's mapping of 150,000 rows was most of this calendar's first read.
        var longEvents = new List<(int Seq, int End)>();
        using (var reader = connection.ReadPrepared("SELECT seq, date_end FROM long_events ORDER BY seq"))
            while (reader.Read()) longEvents.Add((reader.GetInt32(0), Day(reader.GetString(1))));
        Long = new LongEvents(longEvents);
        Types = connection.QueryPrepared<string>("SELECT DISTINCT type FROM day_type_counts ORDER BY 1");
        Subtypes = connection.QueryPrepared<string>("SELECT DISTINCT subtype FROM day_type_counts ORDER BY 1");
        // The places' counts (written at import) include the events of the places under them: an oblast
        // or a country with any is the oblast or the country of those events.
        Admin1s = connection.QueryPrepared<(string Id, string Label)>(
            "SELECT id, name FROM places WHERE level = 'admin1' AND event_count > 0 ORDER BY name, id");
        Countries = connection.QueryPrepared<(string Id, string Label)>(
            "SELECT id, id FROM places WHERE level = 'country' AND event_count > 0 ORDER BY id");
        events = seq - 1;
        // Written at import (ColumnSets; a plane no event has a bit in is not): the blobs' layout is the sets' (bit seq - 1).
        FatalityPlanes = SortKeyPlanes.Planes(connection, ColumnSets.FatalityPlanePrefix, events);
        AnyFatalities = new ulong[(events + 63) / 64];
        foreach (var plane in FatalityPlanes)
            for (var w = 0; w < AnyFatalities.Length; w++) AnyFatalities[w] |= plane[w];
    }

    /// <summary>The file's events: seqs run from 1 to this.</summary>
    private readonly long events;

    public static SeqCalendar Of(SqliteConnection connection, string version) => Known.Get(version, () => new SeqCalendar(connection));

    private static readonly KeptPerFile<SeqCalendar> Known = new();

    /// <summary>
    /// The first seq that starts on or after the day (one past the last when none does): a date range's
    /// first, found here rather than by a statement on the date index (two a dated request).
    /// </summary>
    public long FirstOn(LocalDate day) => FirstSeqOf(DayIndexFrom(Day(day)));

    /// <summary>The last seq that starts on or before the day (0 when none does).</summary>
    public long LastOn(LocalDate day) => FirstSeqOf(DayIndexFrom(Day(day) + 1)) - 1;

    /// <summary>The index of the day <paramref name="seq"/> starts on (days in order: a later day, a higher index).</summary>
    public int DayIndexOf(long seq)
    {
        var at = Array.BinarySearch(firstSeqs, seq);
        return at >= 0 ? at : ~at - 1;
    }

    /// <summary>The seqs that start on the day at this index.</summary>
    public (long First, long Last) SeqsOfDay(int index) => (firstSeqs[index], FirstSeqOf(index + 1) - 1);

    /// <summary>The first seq of the day at this index, or one past the last seq for the index past the last day.</summary>
    private long FirstSeqOf(int index) => index < firstSeqs.Length ? firstSeqs[index] : events + 1;

    /// <summary>The index of the first day with events on or after this one (yyyymmdd; one past a month's last day is before the next month's first).</summary>
    private int DayIndexFrom(int day)
    {
        var at = Array.BinarySearch(dayNumbers, day);
        return at >= 0 ? at : ~at;
    }

    /// <summary>
    /// The periods of the interval that have events, in order, each with its range of seq. A period's
    /// name is the timeline's (EventQueries.Periods): the day, the Monday of its ISO week, yyyy-MM or yyyy.
    /// </summary>
    public IReadOnlyList<(string Period, long First, long Last)> Periods(string interval)
    {
        lock (periods)
        {
            if (periods.TryGetValue(interval, out var known)) return known;
            var list = new List<(string Period, long First, long Last)>();
            for (var i = 0; i < days.Length; i++)
            {
                var name = PeriodOf(days[i], interval);
                var last = i + 1 < days.Length ? firstSeqs[i + 1] - 1 : events;
                if (list.Count > 0 && list[^1].Period == name) list[^1] = (name, list[^1].First, last);
                else list.Add((name, firstSeqs[i], last));
            }
            return periods[interval] = list;
        }
    }

    private static string PeriodOf(string day, string interval) => interval switch
    {
        "day" => day,
        "week" => LocalDatePattern.Iso.Format(Parse(day).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday))),
        "month" => day[..7],
        "year" => day[..4],
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "not a timeline interval"),
    };

    private static LocalDate Parse(string day) => LocalDatePattern.Iso.Parse(day).Value;

    /// <summary>A day as yyyymmdd: ordered as the days are.</summary>
    public static int Day(LocalDate day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    private static int Day(string iso) => int.Parse(iso.AsSpan(0, 4)) * 10_000 + int.Parse(iso.AsSpan(5, 2)) * 100 + int.Parse(iso.AsSpan(8, 2));
}
