using NodaTime;
using NodaTime.Text;

namespace EventsApi.Core.Domain;

/// <summary>An event's date: the day interval [Start, End] that the text allows, and how precise it is.</summary>
public sealed record EventDate(LocalDate Start, LocalDate End, DatePrecision Precision)
{
    public static EventDate Day(LocalDate day) => new(day, day, DatePrecision.Day);

    public static EventDate Month(int year, int month)
    {
        var start = new LocalDate(year, month, 1);
        return new(start, start.PlusMonths(1).PlusDays(-1), DatePrecision.Month);
    }

    public static EventDate Year(int year) => new(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31), DatePrecision.Year);

    /// <summary>The seven days ending on <paramref name="last"/>.</summary>
    public static EventDate WeekEnding(LocalDate last) => new(last.PlusDays(-6), last, DatePrecision.Week);

    public bool Overlaps(EventDate other) => Start <= other.End && other.Start <= End;

    public int Days => Period.Between(Start, End, PeriodUnits.Days).Days + 1;

    public string StartIso => Iso.Format(Start);

    public string EndIso => Iso.Format(End);

    public static readonly LocalDatePattern Iso = LocalDatePattern.Iso;
}
