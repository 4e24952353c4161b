-- The events of each common oblast, country, type and sub-type (in more than 1/64 of all events), as
-- bitmaps over seq in search_bitmaps' layout: the sets FilterBitmaps would otherwise read from an
-- index the first time a filter names one (at 1M, 0.5 s for Ukraine's 890,000 events through
-- Microsoft.Data.Sqlite). And the bit planes of the events' fatalities (plane k: the events whose
-- count has bit k set), which SeqCalendar sums a timeline's fatalities from. Tallied by the writer
-- as it writes the events (ColumnSets); the key is the column and its value, or the plane:
-- 'admin1:UA-14', 'country:UKR', 'type:strike', 'subtype:drone_strike', 'fatalities_bit:03'.
CREATE TABLE filter_sets (
    key  TEXT PRIMARY KEY,
    bits BLOB NOT NULL
);
