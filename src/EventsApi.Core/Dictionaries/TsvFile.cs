namespace EventsApi.Core.Dictionaries;

/// <summary>
/// The one reader of the project's plain-text data files: UTF-8, tab-separated, one record per line,
/// '#' starts a comment line, the first non-comment line names the columns.
/// </summary>
public static class TsvFile
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Read(string path)
    {
        string[]? header = null;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (header is null)
            {
                header = cells;
                continue;
            }
            if (cells.Length != header.Length)
                throw new FormatException($"{path}:{lineNumber}: expected {header.Length} tab-separated columns, found {cells.Length}");
            var record = new Dictionary<string, string>(header.Length);
            for (var i = 0; i < header.Length; i++) record[header[i]] = cells[i].Trim();
            yield return record;
        }
    }

    public static string? Optional(this IReadOnlyDictionary<string, string> record, string column) =>
        record.TryGetValue(column, out var value) && value.Length > 0 ? value : null;

    public static IReadOnlyList<string> List(this IReadOnlyDictionary<string, string> record, string column) =>
        record.Optional(column)?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
