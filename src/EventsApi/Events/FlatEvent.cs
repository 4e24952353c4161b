using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace EventsApi.Events;

/// <summary>
/// The values of one stored event that its CSV row flattens, found in the event's stored JSON (UTF-8,
/// in the wire shape) in one pass of a reader. Nothing is decoded or built: each value is kept as
/// where it lies, and the members no column shows (the sources' titles and quotes, most of an event's
/// bytes) are passed over. One instance is reused from row to row.
/// </summary>
public sealed class FlatEvent
{
    /// <summary>The objects an event's JSON is made of: the event, its quantity and location, and each actor and source.</summary>
    public enum Part { Event, Quantity, Location, Actors, Sources }

    /// <summary>How a value is written out: Text copied, EscapedText unescaped first, Raw (a number, true, false) copied as it is.</summary>
    public enum Kind : byte { Null, Text, EscapedText, Raw }

    /// <summary>A value as it lies in the JSON: a string's content between its quotes (escaped as stored) or a number's text.</summary>
    public readonly record struct Token(int Start, int Length, Kind Kind);

    /// <summary>The members each part keeps, by name; a column asks for one by <see cref="MemberOf"/>.</summary>
    private static readonly string[][] Kept =
    [
        ["id", "type", "subtype", "date", "date_end", "date_precision", "summary", "fatalities", "injured", "source_count"],
        ["value", "unit"],
        ["id", "name", "admin1", "admin1_code", "country", "country_code", "latitude", "longitude", "precision"],
        ["id", "name", "role", "country"],
        ["document_id", "url"],
    ];

    private static readonly byte[][][] KeptUtf8 = [.. Kept.Select(names => names.Select(Encoding.UTF8.GetBytes).ToArray())];

    /// <summary>The event's members that hold parts of their own, in the order of <see cref="Part"/> after the event.</summary>
    private static readonly byte[][] NestedUtf8 = [.. new[] { "quantity", "location", "actors", "sources" }.Select(Encoding.UTF8.GetBytes)];

    // Per part, the objects of the current event (one for the event, none or one for its quantity
    // and location, one per actor or source); arrays are reused by later events.
    private readonly List<Token[]>[] objects = [.. Kept.Select(_ => new List<Token[]>())];
    private readonly int[] counts = new int[Kept.Length];

    public ReadOnlyMemory<byte> Json { get; private set; }

    /// <summary>Where the member <paramref name="name"/> of <paramref name="part"/> is kept: for the columns, resolved once.</summary>
    public static int MemberOf(Part part, string name) =>
        Array.IndexOf(Kept[(int)part], name) is var i and >= 0 ? i : throw new ArgumentException($"{part} keeps no member {name}", nameof(name));

    /// <summary>The objects of <paramref name="part"/> in the current event, in their stored order, each indexed by <see cref="MemberOf"/>.</summary>
    public ReadOnlySpan<Token[]> Objects(Part part) => CollectionsMarshal.AsSpan(objects[(int)part])[..counts[(int)part]];

    public ReadOnlySpan<byte> Bytes(Token token) => Json.Span.Slice(token.Start, token.Length);

    public void Read(ReadOnlyMemory<byte> json)
    {
        Json = json;
        Array.Clear(counts);
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new InvalidDataException("a stored event is not a JSON object");
        ReadObject(ref reader, Part.Event);
    }

    private void ReadObject(ref Utf8JsonReader reader, Part part)
    {
        var values = NextObject(part);
        var names = KeptUtf8[(int)part];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = IndexOf(ref reader, names);
            var nested = part == Part.Event && member < 0 ? IndexOf(ref reader, NestedUtf8) : -1;
            reader.Read();
            if (nested >= 0) ReadNested(ref reader, Part.Quantity + nested);
            else if (member >= 0) values[member] = TokenAt(ref reader);
            else reader.Skip();
        }
    }

    /// <summary>A part's object, an array of them, or null.</summary>
    private void ReadNested(ref Utf8JsonReader reader, Part part)
    {
        if (reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, part);
        else if (reader.TokenType == JsonTokenType.StartArray)
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, part);
        else reader.Skip();
    }

    private Token[] NextObject(Part part)
    {
        var list = objects[(int)part];
        var index = counts[(int)part]++;
        if (index == list.Count) list.Add(new Token[Kept[(int)part].Length]);
        else Array.Clear(list[index]);
        return list[index];
    }

    private static int IndexOf(ref Utf8JsonReader reader, byte[][] names)
    {
        // The stored names are plain snake_case, never escaped: compared as bytes, each in a length check or two.
        if (reader.ValueIsEscaped) return IndexOfEscaped(ref reader, names);
        var name = reader.ValueSpan;
        for (var i = 0; i < names.Length; i++)
            if (name.SequenceEqual(names[i])) return i;
        return -1;
    }

    private static int IndexOfEscaped(ref Utf8JsonReader reader, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
            if (reader.ValueTextEquals(names[i])) return i;
        return -1;
    }

    private static Token TokenAt(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => new((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped ? Kind.EscapedText : Kind.Text),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => new((int)reader.TokenStartIndex, reader.ValueSpan.Length, Kind.Raw),
        JsonTokenType.Null => default,
        _ => throw new InvalidDataException($"a stored event has a {reader.TokenType} where a value should be"),
    };
}
