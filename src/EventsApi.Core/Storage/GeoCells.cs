namespace EventsApi.Core.Storage;

/// <summary>
/// A grid of quarter-degree cells over the globe, indexed by migration 0006 (events_by_cell). A
/// small box's newest events are the newest of the newest in each cell it covers: a few index
/// ranges read a page's worth each, however many events the box holds. The ways a box alone is read
/// in SQL, chosen by the limits here, serve its exports; its pages are merged in memory (PointSeqs).
/// </summary>
public static class GeoCells
{
    private const int PerDegree = 4;
    private const int Columns = 360 * PerDegree;

    /// <summary>More cells than this and the box is large: walking all events newest first finds its page sooner.</summary>
    public const int MaxCells = 64;

    /// <summary>
    /// Boxes with no more events than this are collected from their points and sorted (about 0.2 µs an
    /// event at 1M: 1.6 ms at 8,000, where reading their 16-42 cells took 1.1-3 ms); larger ones are read cell by cell.
    /// </summary>
    public const long SortedUpTo = 8000;

    /// <summary>
    /// Boxes with no more points than this (event_points) are read point by point and merged
    /// (EventQueries.AtEachPoint); a statement of 128 arms ran in 0.7 ms at 1M, one of 256 in 1.1 ms.
    /// </summary>
    public const int MergedPointsUpTo = 128;

    /// <summary>A row's cell, in SQL; the same expression as the index's, on the given table alias.</summary>
    public static string Expression(string alias) =>
        $"CAST(({alias}.latitude + 90) * {PerDegree} AS INTEGER) * {Columns} + CAST(({alias}.longitude + 180) * {PerDegree} AS INTEGER)";

    /// <summary>The cells a box touches, or null when there are more than <see cref="MaxCells"/>.</summary>
    public static IReadOnlyList<long>? Covering((double MinLon, double MinLat, double MaxLon, double MaxLat) box)
    {
        // The same double arithmetic as SQLite's, truncated toward zero (the offsets keep it positive).
        var (firstRow, lastRow) = ((long)((box.MinLat + 90) * PerDegree), (long)((box.MaxLat + 90) * PerDegree));
        var (firstColumn, lastColumn) = ((long)((box.MinLon + 180) * PerDegree), (long)((box.MaxLon + 180) * PerDegree));
        if ((lastRow - firstRow + 1) * (lastColumn - firstColumn + 1) > MaxCells) return null;
        var cells = new List<long>();
        for (var row = firstRow; row <= lastRow; row++)
            for (var column = firstColumn; column <= lastColumn; column++)
                cells.Add(row * Columns + column);
        return cells;
    }
}
