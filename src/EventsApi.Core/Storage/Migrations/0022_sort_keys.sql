-- For pages sorted in memory (SortedScan): no index holds an order of two keys (-source_count,-date,
-- fatalities,source_count), and at 1M SQL sorted every match, 0.06-0.37 s a page.
-- filter_sets also holds the bit planes of the events' source counts ('source_count_bit:00' .. ,
-- plane k: the events whose count has bit k set) and the set of the events whose fatalities are
-- known ('fatalities_known'; the fatalities' planes give an unknown toll and a toll of 0 alike),
-- written at import (ColumnSets).
-- And each event's place in the order of ids, which breaks ties on every key: 4 bytes an event,
-- little-endian, by seq (the first 4 bytes are seq 1's), in one row (EventIdRanks).
-- A file of schema 21 lacks them, and is built again at start.
CREATE TABLE event_id_ranks (
    ranks BLOB NOT NULL
);
