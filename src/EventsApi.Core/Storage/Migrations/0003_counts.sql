-- Counts the catalog endpoints serve, computed once per import instead of on every request.

ALTER TABLE actors ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;        -- events it takes part in itself
ALTER TABLE actors ADD COLUMN event_count_total INTEGER NOT NULL DEFAULT 0;  -- ... or any actor under it does
ALTER TABLE places ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;        -- events located in it or inside it
ALTER TABLE documents ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;

UPDATE actors SET
    event_count = (SELECT COUNT(DISTINCT ea.event_seq) FROM event_actors ea WHERE ea.actor_id = actors.id),
    event_count_total = (SELECT COUNT(DISTINCT ea.event_seq)
                         FROM actor_ancestors aa JOIN event_actors ea ON ea.actor_id = aa.actor_id
                         WHERE aa.ancestor_id = actors.id);

UPDATE places SET event_count = (SELECT COUNT(*)
                                 FROM place_ancestors pa JOIN events e ON e.place_id = pa.place_id
                                 WHERE pa.ancestor_id = places.id);

UPDATE documents SET event_count = (SELECT COUNT(DISTINCT es.event_seq) FROM event_sources es WHERE es.document_id = documents.id);

CREATE TABLE type_counts (
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (type, subtype)
) WITHOUT ROWID;

-- Daily counts per sub-type: the unfiltered timeline by day or week (by type, sub-type or neither)
-- sums these, a few hundred rows a month, instead of grouping every event.
CREATE TABLE day_type_counts (
    date       TEXT NOT NULL,                 -- the event's start date
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (date, type, subtype)
) WITHOUT ROWID;

INSERT INTO day_type_counts
SELECT date, type, subtype, COUNT(*), COALESCE(SUM(fatalities), 0) FROM events GROUP BY date, type, subtype;

-- Monthly counts per sub-type, summed from the days: the unfiltered timeline by month or year (by
-- type, sub-type or neither) is read from here.
CREATE TABLE month_counts (
    month      TEXT NOT NULL,                 -- yyyy-MM of the event's start date
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (month, type, subtype)
) WITHOUT ROWID;

INSERT INTO month_counts
SELECT substr(date, 1, 7), type, subtype, SUM(events), SUM(fatalities) FROM day_type_counts GROUP BY 1, 2, 3;

-- Monthly counts per actor, as the timeline grouped by actor counts them (an event once for each of
-- its actors): its unfiltered form by month or year read every event and its actors, 2.5 s at 1M.
CREATE TABLE actor_month_counts (
    month      TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (month, actor_id)
) WITHOUT ROWID;

INSERT INTO actor_month_counts
SELECT substr(e.date, 1, 7), ea.actor_id, COUNT(DISTINCT e.seq), COALESCE(SUM(e.fatalities), 0)
FROM event_actors ea JOIN events e ON e.seq = ea.event_seq
GROUP BY 1, 2;

-- The totals per sub-type are sums of its months: a few thousand rows rather than every event again
-- (reading every event's row is seconds at 1M events).
INSERT INTO type_counts SELECT type, subtype, SUM(events), SUM(fatalities) FROM month_counts GROUP BY type, subtype;

CREATE INDEX actors_by_name ON actors (name COLLATE NOCASE);
CREATE INDEX places_by_name ON places (name COLLATE NOCASE);
