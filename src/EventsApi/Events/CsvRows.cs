using System.Buffers;
using System.Text;
using System.Text.Json;
using static EventsApi.Events.FlatEvent;

namespace EventsApi.Events;

/// <summary>
/// RFC 4180 CSV of events, one row per event with flattened columns (actor1, actor1_country, ...,
/// admin1, country_code, latitude, longitude, source_count, source_urls), as pandas and R read it.
/// Each column belongs to an event field, so `fields` selects columns too. Rows are written in UTF-8
/// straight from each event's stored JSON (<see cref="FlatEvent"/>): parsing it into objects and
/// formatting their values again was most of an export's time.
/// </summary>
public sealed class CsvRows(IReadOnlySet<string>? fields)
{
    private const int ActorColumns = 3;

    /// <summary>A column: its header, the event field that selects it, and what it writes into a field of a row.</summary>
    private sealed record Column(string Name, string Field, Action<FlatEvent, Field> Write);

    private static readonly Column[] Columns = BuildColumns();

    private static readonly SearchValues<byte> NeedQuotes = SearchValues.Create(",\"\r\n"u8);

    private readonly Column[] selected = fields is null ? Columns : [.. Columns.Where(c => fields.Contains(c.Field))];
    private readonly FlatEvent flat = new();
    private readonly Field field = new();

    private static Column[] BuildColumns()
    {
        var columns = new List<Column>();
        foreach (var name in new[] { "id", "type", "subtype", "date", "date_end", "date_precision", "summary" })
            columns.Add(new(name, name, Value(Part.Event, name)));
        for (var i = 0; i < ActorColumns; i++)
        {
            columns.Add(new($"actor{i + 1}", "actors", Value(Part.Actors, "name", i)));
            columns.Add(new($"actor{i + 1}_id", "actors", Value(Part.Actors, "id", i)));
            columns.Add(new($"actor{i + 1}_role", "actors", Value(Part.Actors, "role", i)));
            columns.Add(new($"actor{i + 1}_country", "actors", Value(Part.Actors, "country", i)));
        }
        columns.Add(new("actors", "actors", AllActors()));
        foreach (var (name, member) in new[]
        {
            ("location_id", "id"), ("location", "name"), ("admin1", "admin1"), ("admin1_code", "admin1_code"), ("country", "country"),
            ("country_code", "country_code"), ("latitude", "latitude"), ("longitude", "longitude"), ("geo_precision", "precision"),
        })
            columns.Add(new(name, "location", Value(Part.Location, member)));
        columns.AddRange(
        [
            new("fatalities", "fatalities", Value(Part.Event, "fatalities")),
            new("injured", "injured", Value(Part.Event, "injured")),
            new("quantity", "quantity", Value(Part.Quantity, "value")),
            new("quantity_unit", "quantity", Value(Part.Quantity, "unit")),
            new("source_count", "source_count", Value(Part.Event, "source_count")),
            new("source_ids", "sources", Distinct(Part.Sources, "document_id")),
            new("source_urls", "sources", Distinct(Part.Sources, "url")),
        ]);
        return [.. columns];
    }

    /// <summary>One member of the <paramref name="nth"/> object of a part (empty when there is none).</summary>
    private static Action<FlatEvent, Field> Value(Part part, string member, int nth = 0)
    {
        var at = MemberOf(part, member);
        return (e, f) =>
        {
            var objects = e.Objects(part);
            if (nth < objects.Length) f.Append(e, objects[nth][at]);
        };
    }

    /// <summary>Every actor as "name (role)", separated by "; ".</summary>
    private static Action<FlatEvent, Field> AllActors()
    {
        var (name, role) = (MemberOf(Part.Actors, "name"), MemberOf(Part.Actors, "role"));
        return (e, f) =>
        {
            var first = true;
            foreach (var actor in e.Objects(Part.Actors))
            {
                if (!first) f.Append("; "u8);
                first = false;
                f.Append(e, actor[name]);
                f.Append(" ("u8);
                f.Append(e, actor[role]);
                f.Append(")"u8);
            }
        };
    }

    /// <summary>A member's distinct values over a part's objects, in order, separated by spaces; nulls left out.</summary>
    private static Action<FlatEvent, Field> Distinct(Part part, string member)
    {
        var at = MemberOf(part, member);
        return (e, f) =>
        {
            var objects = e.Objects(part);
            var first = true;
            for (var i = 0; i < objects.Length; i++)
            {
                var value = objects[i][at];
                if (value.Kind == Kind.Null || Seen(e, objects[..i], at, value)) continue;
                if (!first) f.Append(" "u8);
                first = false;
                f.Append(e, value);
            }
        };
    }

    /// <summary>The same text is stored with the same escapes, so stored bytes compare as the text does.</summary>
    private static bool Seen(FlatEvent e, ReadOnlySpan<Token[]> earlier, int at, Token value)
    {
        foreach (var other in earlier)
            if (other[at].Kind == value.Kind && e.Bytes(other[at]).SequenceEqual(e.Bytes(value))) return true;
        return false;
    }

    public static string HeaderLine(IReadOnlySet<string>? fields) =>
        string.Join(',', (fields is null ? Columns : Columns.Where(c => fields.Contains(c.Field))).Select(c => Quote(c.Name))) + "\r\n";

    /// <summary>One record of the event stored as <paramref name="json"/>.</summary>
    public void Write(ArrayBufferWriter<byte> output, byte[] json)
    {
        flat.Read(json);
        for (var i = 0; i < selected.Length; i++)
        {
            if (i > 0) output.Write(","u8);
            field.Clear();
            selected[i].Write(flat, field);
            field.WriteTo(output);
        }
        output.Write("\r\n"u8);
    }

    /// <summary>Quoted only where RFC 4180 requires it: a comma, a quote or a line break.</summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return value;
        return string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }

    /// <summary>One field's text, gathered (unescaped from the JSON) before it is written, quoted if it must be.</summary>
    private sealed class Field
    {
        private readonly ArrayBufferWriter<byte> text = new(1024);

        public void Clear() => text.ResetWrittenCount();

        public void Append(ReadOnlySpan<byte> bytes) => text.Write(bytes);

        public void Append(FlatEvent e, Token token)
        {
            if (token.Kind != Kind.EscapedText)
            {
                text.Write(e.Bytes(token));
                return;
            }
            // The string with its quotes, read back as JSON; unescaped it is never longer.
            var reader = new Utf8JsonReader(e.Json.AsSpan(token.Start - 1, token.Length + 2));
            reader.Read();
            text.Advance(reader.CopyString(text.GetSpan(token.Length)));
        }

        public void WriteTo(ArrayBufferWriter<byte> output)
        {
            var value = text.WrittenSpan;
            if (value.IndexOfAny(NeedQuotes) < 0)
            {
                output.Write(value);
                return;
            }
            output.Write("\""u8);
            while (value.IndexOf((byte)'"') is var quote and >= 0)
            {
                output.Write(value[..(quote + 1)]);
                output.Write("\""u8);
                value = value[(quote + 1)..];
            }
            output.Write(value);
            output.Write("\""u8);
        }
    }
}
