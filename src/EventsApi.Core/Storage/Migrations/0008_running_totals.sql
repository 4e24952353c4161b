-- Running totals per event_counts scope: how many events started, and how many ended, on or before
-- each day. An event overlaps [from, to] when it starts by `to` and does not end before `from`; every
-- event that ended before `from` also started by `to`, so the overlap count of a region, type or
-- sub-type is started(to) - ended(the day before from): two index seeks. Summing event_counts
-- over the range instead read every (start, end) pair from `from` minus the longest event to `to`,
-- about a thousand rows for one oblast over a year, as long as reading the page itself.
-- A day without a row takes the totals of the latest day before it that has one.
CREATE TABLE event_totals (
    scope   TEXT NOT NULL,
    day     TEXT NOT NULL,
    started INTEGER NOT NULL,
    ended   INTEGER NOT NULL,
    PRIMARY KEY (scope, day)
) WITHOUT ROWID;

INSERT INTO event_totals (scope, day, started, ended)
SELECT scope, day,
       SUM(SUM(starts)) OVER (PARTITION BY scope ORDER BY day),
       SUM(SUM(ends)) OVER (PARTITION BY scope ORDER BY day)
FROM (SELECT scope, date AS day, events AS starts, 0 AS ends FROM event_counts
      UNION ALL
      SELECT scope, date_end AS day, 0 AS starts, events AS ends FROM event_counts)
GROUP BY scope, day;
