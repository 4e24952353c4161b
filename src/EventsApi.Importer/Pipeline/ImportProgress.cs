namespace EventsApi.Importer.Pipeline;

/// <summary>How far an import is: <paramref name="Done"/> of <paramref name="Total"/> items of a stage (reading, coding, merging, writing).</summary>
public sealed record ImportProgress(string Stage, int Done, int Total, string Unit);
