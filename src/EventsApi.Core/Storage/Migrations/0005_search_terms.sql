-- How many events each indexed word occurs in: the total of a one-word search without reading
-- its matches (EventQueries.Plan). Read from the full-text index once, after it is built.
CREATE VIRTUAL TABLE temp.event_search_words USING fts5vocab(main, event_search, 'row');
CREATE TABLE search_terms (
    term   TEXT PRIMARY KEY,                -- as the index holds it: lower case, diacritics removed
    events INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO search_terms (term, events) SELECT term, doc FROM temp.event_search_words;
DROP TABLE temp.event_search_words;

-- Also new in this version, without a change of tables: events.details holds the actors, location
-- and sources exactly as the API shows them (EventDetails, EventJson). Older files hold them in a
-- compact form and are rebuilt, not read.
