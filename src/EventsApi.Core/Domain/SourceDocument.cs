using NodaTime;

namespace EventsApi.Core.Domain;

/// <summary>An input article after its front matter has been validated.</summary>
public sealed record SourceDocument(
    string Id,
    string Title,
    string? Publisher,
    string? Url,
    LocalDate Published,
    DateTimeZone TimeZone,
    string Language,
    string Body,
    string FileName,
    string ContentHash);
