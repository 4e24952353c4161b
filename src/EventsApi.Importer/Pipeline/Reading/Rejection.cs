namespace EventsApi.Importer.Pipeline.Reading;

/// <summary>Why a document was not imported: the file, the field at fault and what is wrong with it.</summary>
public sealed record Rejection(string FileName, string Field, string Reason)
{
    public override string ToString() => $"{FileName}: {Field}: {Reason}";
}
