-- No new table: filter_sets also holds, for every rank of an event's date precision and of its
-- place's precision, the set of the events at that rank or finer, written however few they are
-- (ColumnSets): 'date_precision_at_most:0' (day) .. ':3' (year), 'geo_precision_at_most:0' (point)
-- .. ':3' (country). No index lists events by precision, and at 1M SQL read every event for a filter
-- with one (0.1-0.6 s). A file of schema 20 lacks them, and is built again at start (Import:OnStartup).
SELECT 1;
