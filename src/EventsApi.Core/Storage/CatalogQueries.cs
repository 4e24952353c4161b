using Dapper;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// The catalog resources beside the events: actors, places, documents, the taxonomy's counts and
/// the dataset's summary. Lists are small (the dictionary, the used gazetteer entries, the
/// documents) and are paged by offset-free name order.
/// </summary>
public sealed class CatalogQueries(SqliteConnection connection)
{
    private const string ActorColumns = """
        SELECT a.id, a.name, a.kind, a.country_code, a.parent_id, a.office, a.affiliation, a.known,
               a.event_count, a.event_count_total,
               (SELECT group_concat(n.name, char(31)) FROM actor_names n WHERE n.actor_id = a.id AND n.name <> a.name) AS aliases
        FROM actors a
        """;

    /// <summary>Actors whose name or an alias starts with <paramref name="prefix"/> (any, when null), most active first.</summary>
    public IReadOnlyList<ActorRow> Actors(string? prefix, int limit, int offset) => connection.Query<ActorRow>($"""
        {ActorColumns}
        WHERE @prefix IS NULL
           OR a.id IN (SELECT n.actor_id FROM actor_names n WHERE n.key >= @key AND n.key < @key_end)
           OR a.name LIKE @like ESCAPE '\'
        ORDER BY a.event_count_total DESC, a.name, a.id
        LIMIT @limit OFFSET @offset
        """, PrefixParameters(prefix, limit, offset)).ToList();

    public long ActorCount(string? prefix) => connection.ExecuteScalar<long>("""
        SELECT COUNT(*) FROM actors a
        WHERE @prefix IS NULL
           OR a.id IN (SELECT n.actor_id FROM actor_names n WHERE n.key >= @key AND n.key < @key_end)
           OR a.name LIKE @like ESCAPE '\'
        """, PrefixParameters(prefix, 0, 0));

    public ActorRow? Actor(string id) => connection.QuerySingleOrDefault<ActorRow>($"{ActorColumns}\nWHERE a.id = @id", new { id });

    private const string PlaceColumns = """
        SELECT p.id, p.name, p.level, p.country_code, p.parent_id, p.iso_code, p.latitude, p.longitude, p.event_count,
               (SELECT a1.name FROM place_ancestors pa JOIN places a1 ON a1.id = pa.ancestor_id
                WHERE pa.place_id = p.id AND a1.level = 'admin1') AS admin1_name,
               (SELECT c.name FROM places c WHERE c.id = p.country_code) AS country_name,
               (SELECT group_concat(n.name, char(31)) FROM place_names n WHERE n.place_id = p.id AND n.name <> p.name) AS aliases
        FROM places p
        """;

    /// <summary>Gazetteer entries that have events (in them or inside them), most events first.</summary>
    public IReadOnlyList<PlaceRow> Places(string? prefix, string? level, int limit, int offset) => connection.Query<PlaceRow>($"""
        {PlaceColumns}
        WHERE p.event_count > 0
          AND (@level IS NULL OR p.level = @level)
          AND (@prefix IS NULL
               OR p.id IN (SELECT n.place_id FROM place_names n WHERE n.key >= @key AND n.key < @key_end)
               OR p.name LIKE @like ESCAPE '\')
        ORDER BY p.event_count DESC, p.name, p.id
        LIMIT @limit OFFSET @offset
        """, PrefixParameters(prefix, limit, offset, level)).ToList();

    public long PlaceCount(string? prefix, string? level) => connection.ExecuteScalar<long>("""
        SELECT COUNT(*) FROM places p
        WHERE p.event_count > 0
          AND (@level IS NULL OR p.level = @level)
          AND (@prefix IS NULL
               OR p.id IN (SELECT n.place_id FROM place_names n WHERE n.key >= @key AND n.key < @key_end)
               OR p.name LIKE @like ESCAPE '\')
        """, PrefixParameters(prefix, 0, 0, level));

    public PlaceRow? Place(string id) => connection.QuerySingleOrDefault<PlaceRow>($"{PlaceColumns}\nWHERE p.id = @id", new { id });

    private const string DocumentColumns = "SELECT id, title, publisher, url, published, timezone, language, event_count FROM documents";

    public IReadOnlyList<DocumentRow> Documents(int limit, int offset) => connection.Query<DocumentRow>($"""
        {DocumentColumns}
        ORDER BY published DESC, id
        LIMIT @limit OFFSET @offset
        """, new { limit, offset }).ToList();

    /// <summary>Counted at import (migration 0015), like the events (DatasetWriter's event_count).</summary>
    private const string StoredDocumentCount = "SELECT CAST(value AS INTEGER) FROM dataset WHERE key = 'document_count'";

    public long DocumentCount() => connection.ExecuteScalar<long>(StoredDocumentCount);

    public DocumentRow? Document(string id) => connection.QuerySingleOrDefault<DocumentRow>($"{DocumentColumns}\nWHERE id = @id", new { id });

    public IReadOnlyList<TypeCountRow> TypeCounts() => connection.Query<TypeCountRow>("SELECT type, subtype, events, fatalities FROM type_counts").ToList();

    public DatasetSummaryRow Summary() => connection.QuerySingle<DatasetSummaryRow>($"""
        SELECT (SELECT CAST(value AS INTEGER) FROM dataset WHERE key = 'event_count')    AS events,
               ({StoredDocumentCount})                                                  AS documents,
               (SELECT COUNT(*) FROM actors WHERE event_count > 0)                      AS actors,
               (SELECT COUNT(*) FROM places WHERE event_count > 0)                      AS places,
               (SELECT MIN(date) FROM events)                                           AS first_date,
               (SELECT MAX(date_end) FROM events)                                       AS last_date
        """);

    private static DynamicParameters PrefixParameters(string? prefix, int limit, int offset, string? level = null)
    {
        var key = prefix is null ? "" : Dictionaries.NameKey.Fold(prefix);
        var parameters = new DynamicParameters();
        parameters.Add("prefix", prefix);
        parameters.Add("key", key);
        // Every key that starts with `key` sorts below `key` followed by the highest character.
        parameters.Add("key_end", key + '\uffff');
        parameters.Add("like", prefix is null ? null : prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        parameters.Add("level", level);
        return parameters;
    }
}
