-- No new table: filter_sets also holds the bit planes of the events' source counts
-- ('source_count_bit:00' .. , plane k: the events whose count has bit k set) and the set of the
-- events whose fatalities are known ('fatalities_known'; the fatalities' planes give an unknown toll
-- and a toll of 0 alike), written at import (ColumnSets). Pages sorted by the date with fatalities
-- or sources are chosen from them in memory (SortedScan): no index holds those orders, and at 1M SQL
-- sorted every match, 0.06-0.37 s a page. A file of schema 21 lacks them, and is built again at start.
SELECT 1;
