namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>A sentence of a document body: its text and where it starts (UTF-16 index into the body).</summary>
public sealed record Sentence(string Text, int Offset, int Paragraph)
{
    public int End => Offset + Text.Length;
}
