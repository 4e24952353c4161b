-- The newest events in a small bounding box: each quarter-degree cell the box covers is read from
-- its own index range, newest first, and only a page's worth from each (GeoCells, EventQueries).
-- Sorting every event in the box by date grew with the dataset: tens of thousands of rows at 1M.
-- The expression must stay the one GeoCells.Expression writes, or SQLite will not use the index.
-- seq orders each cell by date (storage order); the coordinates make the box test index-only.
CREATE INDEX events_by_cell ON events (CAST((latitude + 90) * 4 AS INTEGER) * 1440 + CAST((longitude + 180) * 4 AS INTEGER), seq, longitude, latitude);

-- Located events by point: events take their place's coordinates, so a few thousand points hold
-- every located event, and the total in a box is a sum over the points in it, not a count of events.
CREATE TABLE event_points (
    longitude REAL NOT NULL,
    latitude  REAL NOT NULL,
    events    INTEGER NOT NULL,
    PRIMARY KEY (longitude, latitude)
) WITHOUT ROWID;
INSERT INTO event_points (longitude, latitude, events)
SELECT longitude, latitude, COUNT(*) FROM events WHERE longitude IS NOT NULL GROUP BY longitude, latitude;
