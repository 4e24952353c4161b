-- Which events each common word occurs in, as a bitmap over seq: event seq is bit (seq - 1) % 8 of
-- byte (seq - 1) / 8, and the length is a whole number of 8-byte words. The total of a search of
-- common words is then a count of bits: its words' bitmaps ORed within a prefix spelled out and ANDed
-- across words (SearchBitmaps), where counting in the full-text index walks every match (30-55 ms
-- for "drone*" at 1M). Written after the full-text index (DatasetWriter), for every word in more than
-- 1/64 of all events: where a bitmap is no larger than the word's list of events in the index.
CREATE TABLE search_bitmaps (
    term TEXT PRIMARY KEY REFERENCES search_terms (term),
    bits BLOB NOT NULL
);
