using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EventsApi.Core.Domain;
using NodaTime;
using NodaTime.Text;

namespace EventsApi.Importer.Pipeline.Reading;

/// <summary>
/// Reads and validates input documents (CODEBOOK.md, "Input documents"). A bad document becomes a
/// Rejection naming the file and the field; it never stops the others.
/// </summary>
public static partial class DocumentReader
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>Publication dates before this are not of this war's coverage and are taken as typos.</summary>
    private static readonly LocalDate EarliestPublication = new(1991, 1, 1);

    public static IReadOnlyList<string> FilesIn(string directory) => Directory
        .EnumerateFiles(directory, "*", SearchOption.TopDirectoryOnly)
        .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
        .OrderBy(f => f, StringComparer.Ordinal)
        .ToList();

    /// <summary>Reads every document of a directory; a later file with an id already seen is rejected.</summary>
    public static (List<SourceDocument> Documents, List<Rejection> Rejections) ReadAll(IEnumerable<string> files, LocalDate today, Action? fileRead = null)
    {
        var documents = new List<SourceDocument>();
        var rejections = new List<Rejection>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (document, rejection) = Read(file, today);
            fileRead?.Invoke();
            if (rejection is not null) rejections.Add(rejection);
            else if (ids.TryGetValue(document!.Id, out var first))
                rejections.Add(new(document.FileName, "id", $"'{document.Id}' is already the id of {first}"));
            else
            {
                ids[document.Id] = document.FileName;
                documents.Add(document);
            }
        }
        return (documents, rejections);
    }

    public static (SourceDocument? Document, Rejection? Rejection) Read(string path, LocalDate today)
    {
        var name = Path.GetFileName(path);
        Rejection Reject(string field, string reason) => new(name, field, reason);

        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes) return (null, Reject("file", $"{length / 1024 / 1024} MB is over the {MaxFileBytes / 1024 / 1024} MB limit"));
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e) { return (null, Reject("file", $"cannot be read: {e.Message}")); }
        catch (UnauthorizedAccessException e) { return (null, Reject("file", $"cannot be read: {e.Message}")); }

        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return (null, Reject("file", "is not valid UTF-8 text")); }
        if (text.Contains('\0')) return (null, Reject("file", "is binary, not text (contains NUL bytes)"));

        var (fields, body, problem) = FrontMatter.Split(text);
        if (problem is not null) return (null, Reject("front matter", problem));

        if (!fields.TryGetValue("id", out var id) || id.Length == 0) return (null, Reject("id", "is missing"));
        if (!IdPattern().IsMatch(id)) return (null, Reject("id", $"'{Shorten(id)}' is not letters, digits, '.', '_' or '-' (at most 200)"));

        if (!fields.TryGetValue("timezone", out var zoneId) || zoneId.Length == 0) return (null, Reject("timezone", "is missing"));
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null) return (null, Reject("timezone", $"'{Shorten(zoneId)}' is not an IANA time zone"));

        if (!fields.TryGetValue("published", out var publishedText) || publishedText.Length == 0) return (null, Reject("published", "is missing"));
        var published = ParsePublished(publishedText, zone);
        if (published is null) return (null, Reject("published", $"'{Shorten(publishedText)}' is not an ISO date or date-time with offset"));
        if (published.Value < EarliestPublication || published.Value > today.PlusDays(1))
            return (null, Reject("published", $"{LocalDatePattern.Iso.Format(published.Value)} is outside {LocalDatePattern.Iso.Format(EarliestPublication)}..{LocalDatePattern.Iso.Format(today.PlusDays(1))}"));

        if (body.Trim().Length == 0) return (null, Reject("body", "is empty"));
        var letters = body.Count(char.IsLetter);
        if (letters < body.Length / 4) return (null, Reject("body", "is not prose text (too few letters)"));

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return (new SourceDocument(
            id,
            fields.GetValueOrDefault("title") is { Length: > 0 } title ? title : id,
            fields.GetValueOrDefault("publisher") is { Length: > 0 } publisher ? publisher : null,
            fields.GetValueOrDefault("url") is { Length: > 0 } url ? url : null,
            published.Value,
            zone,
            fields.GetValueOrDefault("language") is { Length: > 0 } language ? language : "en",
            body,
            name,
            hash), null);
    }

    /// <summary>A date, or a date-time with offset converted to the newsroom's local date.</summary>
    private static LocalDate? ParsePublished(string text, DateTimeZone zone)
    {
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success) return date.Value;
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success) return withOffset.Value.ToInstant().InZone(zone).Date;
        return null;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")]
    private static partial Regex IdPattern();
}
