-- Located events by point: events take their place's coordinates, so a few thousand points hold
-- every located event, and the total in a box is a sum over the points in it, not a count of events.
-- (Files written by earlier builds of this schema also hold events_by_cell, an index on a
-- quarter-degree grid that box pages and exports once read: nothing reads it now.)
CREATE TABLE event_points (
    longitude REAL NOT NULL,
    latitude  REAL NOT NULL,
    events    INTEGER NOT NULL,
    PRIMARY KEY (longitude, latitude)
) WITHOUT ROWID;
INSERT INTO event_points (longitude, latitude, events)
SELECT longitude, latitude, COUNT(*) FROM events WHERE longitude IS NOT NULL GROUP BY longitude, latitude;
