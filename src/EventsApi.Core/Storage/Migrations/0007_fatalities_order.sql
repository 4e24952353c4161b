-- sort=-fatalities orders by COALESCE(fatalities, -1) (events without a toll last, as -1), which the
-- partial index on fatalities cannot serve: every such page sorted every matching event (a scan of
-- all events at 1M). This index is that expression, so a page walks it and stops.
-- The expression must stay the one EventSort writes, or SQLite will not use the index.
-- events_by_fatalities stays: it serves min_fatalities.
CREATE INDEX events_by_fatality_order ON events (COALESCE(fatalities, -1) DESC, id DESC);
