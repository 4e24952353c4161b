-- Counts the catalog endpoints serve, computed once per import instead of on every request.

-- The actors' counts, and their months (actor_month_counts), are tallied as the events are written
-- (ActorTallies): counted here, the distinct events under each actor took 1.9 s at 1M, and the months 1.8 s.
ALTER TABLE places ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;        -- events located in it or inside it
ALTER TABLE documents ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;

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

-- The totals per sub-type are sums of its months: a few thousand rows rather than every event again
-- (reading every event's row is seconds at 1M events).
INSERT INTO type_counts SELECT type, subtype, SUM(events), SUM(fatalities) FROM month_counts GROUP BY type, subtype;

CREATE INDEX actors_by_name ON actors (name COLLATE NOCASE);
CREATE INDEX places_by_name ON places (name COLLATE NOCASE);
