-- Indexes that keep the broad list queries (a whole oblast or country over a year, a
-- type over a date range) from touching every matching event.

-- Region filters name places; once resolved to a level (see EventQueries.Plan) they filter on the
-- denormalised admin1_id or country_id, and these indexes serve the page newest first without a sort.
-- date_end comes after the unique id, so it leaves the order alone: a date range's "date_end >= from"
-- is checked on the index entries, and a page's rows are read only once chosen. The columns after it
-- are what a timeline of the region sums and groups by (fatalities, type, sub-type): it is counted
-- from the entries without reading a row (Kharkiv's months at 1M: 190 ms from the rows, 36 ms).
CREATE INDEX events_by_admin1  ON events (admin1_id, date, id, date_end, fatalities, type, subtype);
CREATE INDEX events_by_country ON events (country_id, date, id, date_end, fatalities, type, subtype);
-- The same for types and sub-types (they replace one index on (type, subtype, date), which could
-- not give date order for a type with several sub-types).
CREATE INDEX events_by_type    ON events (type, date, id, date_end, fatalities, subtype);
CREATE INDEX events_by_subtype ON events (subtype, date, id, date_end, fatalities, type);

-- A bounding box is a longitude band checked for latitude; with the sort keys in the index, the
-- matches are ordered without reading their rows (only the page's rows are read). It replaces one on
-- (longitude, latitude) alone.
CREATE INDEX events_by_location ON events (longitude, latitude, date, id) WHERE longitude IS NOT NULL;
