-- Counts the catalog endpoints serve, computed once per import instead of on every request.

-- The actors' counts, and their months (actor_month_counts), are tallied as the events are written
-- (ActorTallies): counted here, the distinct events under each actor took 1.9 s at 1M, and the months 1.8 s.
-- So are the places' and documents' counts and the days of day_type_counts (EventCountTallies, tables
-- in 0001): here they took 2.2 s at 1M, most of it grouping every event by day and sub-type.

CREATE TABLE type_counts (
    type       TEXT NOT NULL,
    subtype    TEXT NOT NULL,
    events     INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (type, subtype)
) WITHOUT ROWID;

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
