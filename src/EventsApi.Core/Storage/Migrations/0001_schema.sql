-- The dataset: documents in, events out, with the places and actors they refer to.
-- Dates are ISO 8601 text (yyyy-MM-dd), so text order is date order.

CREATE TABLE dataset (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    publisher    TEXT,
    url          TEXT,
    published    TEXT NOT NULL,
    timezone     TEXT NOT NULL,
    language     TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    event_count  INTEGER NOT NULL DEFAULT 0   -- events citing it, tallied by the writer (EventCountTallies)
) WITHOUT ROWID;

-- Only the places that events use, and everything that contains them.
CREATE TABLE places (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    level        TEXT NOT NULL,            -- settlement | admin1 | country | world_region
    country_code TEXT NOT NULL,
    parent_id    TEXT REFERENCES places (id),
    iso_code     TEXT,
    latitude     REAL,
    longitude    REAL,
    event_count  INTEGER NOT NULL DEFAULT 0   -- events located in it or inside it, tallied by the writer
) WITHOUT ROWID;

-- Every name a place answers to (gazetteer aliases and spellings seen in the text), by folded key.
CREATE TABLE place_names (
    key      TEXT NOT NULL,
    place_id TEXT NOT NULL REFERENCES places (id),
    name     TEXT NOT NULL,
    PRIMARY KEY (key, place_id, name)
) WITHOUT ROWID;

-- The containment closure, self included: region filters are one indexed join.
CREATE TABLE place_ancestors (
    ancestor_id TEXT NOT NULL,
    place_id    TEXT NOT NULL,
    PRIMARY KEY (ancestor_id, place_id)
) WITHOUT ROWID;

CREATE TABLE actors (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,            -- person | organisation | armed_forces | state
    country_code TEXT,
    parent_id    TEXT REFERENCES actors (id),
    office       TEXT,
    affiliation  TEXT,                     -- name of the state at the top of its chain
    known        INTEGER NOT NULL,         -- 0: not in the dictionary, kept under the text's name
    -- Tallied by the writer as it writes the events (ActorTallies):
    event_count       INTEGER NOT NULL DEFAULT 0,  -- events it takes part in itself
    event_count_total INTEGER NOT NULL DEFAULT 0   -- ... or any actor under it does
) WITHOUT ROWID;

CREATE TABLE actor_names (
    key      TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors (id),
    name     TEXT NOT NULL,
    PRIMARY KEY (key, actor_id, name)
) WITHOUT ROWID;

CREATE TABLE actor_ancestors (
    ancestor_id TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    PRIMARY KEY (ancestor_id, actor_id)
) WITHOUT ROWID;

CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,    -- internal join key; the public id is `id`
    id             TEXT NOT NULL,          -- unique: events_by_id (0002), built after the load
    type           TEXT NOT NULL,
    subtype        TEXT NOT NULL,
    date           TEXT NOT NULL,
    date_end       TEXT NOT NULL,
    date_precision TEXT NOT NULL,          -- day | week | month | year
    precision_rank INTEGER NOT NULL,       -- 0 day .. 3 year, for "this precision or finer"
    place_id       TEXT REFERENCES places (id),
    admin1_id      TEXT REFERENCES places (id), -- denormalised from the place, for output and grouping
    country_id     TEXT REFERENCES places (id),
    geo_precision  TEXT,                   -- point | city | admin1 | country
    geo_rank       INTEGER,                -- 0 point .. 3 country
    latitude       REAL,
    longitude      REAL,
    fatalities     INTEGER,
    injured        INTEGER,
    quantity_value INTEGER,
    quantity_unit  TEXT,
    source_count   INTEGER NOT NULL
    -- No summary: it is in event_details, for output, and in event_search, for search. Stored here
    -- too, it was 43% of the rows' bytes at 1M, read by every index build and ANALYZE of an import.
);

-- The whole event as the API serves it, quotes included (EventDetails), apart from the columns the
-- filters read: the events rows stay lean, so each index build and rollup of an import, and each walk
-- that checks a filter on the rows, reads a fraction of the bytes. The rows are in region order
-- within runs of a month's events (slot, see DetailSlots): a region's page of 100 events reads
-- about 20 pages of this table, where in seq order, among every other region's events, it read
-- about 100. A run's slots are its seqs, permuted.
CREATE TABLE event_details (
    slot    INTEGER PRIMARY KEY,
    seq     INTEGER NOT NULL REFERENCES events (seq),
    details TEXT NOT NULL
);

-- Each event's row by seq, for exports (which read events in order) and for the API's map of slots.
-- Built during the load: a run's entries all go to the end of the index.
CREATE UNIQUE INDEX event_details_by_seq ON event_details (seq);

CREATE TABLE event_actors (
    event_seq INTEGER NOT NULL REFERENCES events (seq),
    position  INTEGER NOT NULL,
    actor_id  TEXT NOT NULL REFERENCES actors (id),
    role      TEXT NOT NULL,
    PRIMARY KEY (event_seq, position)
) WITHOUT ROWID;

CREATE TABLE event_sources (
    event_seq   INTEGER NOT NULL REFERENCES events (seq),
    document_id TEXT NOT NULL REFERENCES documents (id),
    offset      INTEGER NOT NULL,
    length      INTEGER NOT NULL,           -- the quote itself is in event_details.details
    PRIMARY KEY (event_seq, document_id, offset)
) WITHOUT ROWID;

-- Full-text search over summaries and quotes; rowid = events.seq. A search is words, each whole or a
-- prefix, ANDed (FullText), and its matches are read in seq order: no phrases, NEAR, columns or rank.
-- So the index keeps only which events hold each term, not where in them (detail = none), nor each
-- row's token counts (columnsize = 0), which only rank reads: at 1M events 40 MB instead of 210 MB.
CREATE VIRTUAL TABLE event_search USING fts5 (
    summary, quotes,
    content = '', columnsize = 0, detail = none,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Monthly counts per actor, as the timeline grouped by actor counts them (an event once for each of
-- its actors), tallied by the writer (ActorTallies): the unfiltered timeline by actor per month or
-- year reads these instead of every event and its actors (2.5 s at 1M).
CREATE TABLE actor_month_counts (
    month      TEXT NOT NULL,                 -- yyyy-MM of the event's start date
    actor_id   TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (month, actor_id)
) WITHOUT ROWID;

-- Daily counts per sub-type, tallied by the writer (EventCountTallies): the unfiltered timeline by
-- day or week (by type, sub-type or neither) sums these, a few hundred rows a month, instead of
-- grouping every event; month_counts and type_counts (migration 0003) are summed from them.
CREATE TABLE day_type_counts (
    date       TEXT NOT NULL,                 -- the event's start date
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (date, type, subtype)
) WITHOUT ROWID;

-- Event counts per scope and per (start, end) pair, tallied by the writer (EventCountTallies):
-- meta.total of a region, type or sub-type over a date range is a sum over at most a few thousand
-- rows, whatever the dataset's size. Scopes: '*' (everything), 'place:{id}' for a first-level region,
-- country or world region (events in it or inside it), 'type:{type}', 'subtype:{subtype}'.
-- Day-precision events have date = date_end, so there are about as many rows per scope as days with events.
CREATE TABLE event_counts (
    scope    TEXT NOT NULL,
    date     TEXT NOT NULL,
    date_end TEXT NOT NULL,
    events   INTEGER NOT NULL,
    PRIMARY KEY (scope, date, date_end)
) WITHOUT ROWID;
