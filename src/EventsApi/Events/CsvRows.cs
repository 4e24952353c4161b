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

    /// <summary>A column: its header, the event field that selects it, and what it writes as its field of a row.</summary>
    private sealed record Column(string Name, string Field, Action<FlatEvent, Text> Write);

    private static readonly Column[] Columns = BuildColumns();

    private static readonly SearchValues<byte> NeedQuotes = SearchValues.Create(",\"\r\n"u8);

    private readonly Column[] selected = Selected(fields);
    private readonly FlatEvent flat = new();
    private readonly Text text = new();

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
    private static Action<FlatEvent, Text> Value(Part part, string member, int nth = 0)
    {
        var at = MemberOf(part, member);
        return (e, f) =>
        {
            var objects = e.Objects(part);
            if (nth < objects.Length) f.Append(e, objects[nth][at]);
        };
    }

    /// <summary>Every actor as "name (role)", separated by "; ".</summary>
    private static Action<FlatEvent, Text> AllActors()
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
    private static Action<FlatEvent, Text> Distinct(Part part, string member)
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

    /// <summary>The rows written so far (and the header, if written): sent, then <see cref="Clear"/>ed, a batch at a time.</summary>
    public ReadOnlyMemory<byte> Written => text.Written;

    public void Clear() => text.Clear();

    /// <summary>The selected columns' names.</summary>
    public void WriteHeader() => text.Append(Encoding.UTF8.GetBytes(string.Join(',', selected.Select(c => Quote(c.Name))) + "\r\n"));

    private static Column[] Selected(IReadOnlySet<string>? fields) => fields is null ? Columns : [.. Columns.Where(c => fields.Contains(c.Field))];

    /// <summary>One record of the event stored as <paramref name="json"/>.</summary>
    public void Write(ReadOnlyMemory<byte> json)
    {
        flat.Read(json);
        for (var i = 0; i < selected.Length; i++)
        {
            if (i > 0) text.Append(","u8);
            var start = text.Length;
            selected[i].Write(flat, text);
            text.QuoteFrom(start);
        }
        text.Append("\r\n"u8);
    }

    /// <summary>Quoted only where RFC 4180 requires it: a comma, a quote or a line break.</summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return value;
        return string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }

    /// <summary>
    /// The CSV text, in UTF-8. Each field is written straight in (unescaped from the JSON), and quoted
    /// afterwards in the rare case it needs it: gathering every field apart first cost a copy each.
    /// </summary>
    private sealed class Text
    {
        /// <summary>
        /// Room for a batch the caller sends (64 KB) and the row that passes it, under the 85,000 bytes at
        /// which arrays go to the large object heap: grown there from 16 KB (to 128 KB), every export left
        /// garbage that only a full collection frees, and 10,000-row exports at 4 connections raised the
        /// server's RSS by 80 MB. A longer row still grows it.
        /// </summary>
        private byte[] bytes = new byte[80 * 1024];
        private readonly ArrayBufferWriter<byte> quoted = new();

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Written => bytes.AsMemory(0, Length);

        public void Clear() => Length = 0;

        public void Append(ReadOnlySpan<byte> value) => value.CopyTo(Room(value.Length));

        public void Append(FlatEvent e, Token token)
        {
            var room = Room(token.Length);
            if (token.Kind != Kind.EscapedText)
            {
                e.Bytes(token).CopyTo(room);
                return;
            }
            // The string with its quotes, read back as JSON; unescaped it is never longer.
            var reader = new Utf8JsonReader(e.Json.Span.Slice(token.Start - 1, token.Length + 2));
            reader.Read();
            Length -= token.Length - reader.CopyString(room);
        }

        /// <summary>The field written since <paramref name="start"/> between quotes, its own quotes doubled, if RFC 4180 requires it.</summary>
        public void QuoteFrom(int start)
        {
            var field = bytes.AsSpan(start, Length - start);
            if (field.IndexOfAny(NeedQuotes) < 0) return;
            quoted.ResetWrittenCount();
            quoted.Write("\""u8);
            while (field.IndexOf((byte)'"') is var quote and >= 0)
            {
                quoted.Write(field[..(quote + 1)]);
                quoted.Write("\""u8);
                field = field[(quote + 1)..];
            }
            quoted.Write(field);
            quoted.Write("\""u8);
            Length = start;
            Append(quoted.WrittenSpan);
        }

        /// <summary><paramref name="count"/> bytes at the end, counted as written.</summary>
        private Span<byte> Room(int count)
        {
            if (Length + count > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + count));
            Length += count;
            return bytes.AsSpan(Length - count, count);
        }
    }
}
