-- Indexes for the filters of /v1/events, created after the bulk load. The type and location indexes
-- are created by 0004, in the form that replaced this script's first ones: files are written whole
-- by each import, never migrated in place, so an index built here only to be dropped there cost a
-- pass over every event (2 s each at 1M).

-- The public id's uniqueness, checked here rather than row by row as the load inserts: a sort of the
-- ids instead of a million inserts at random places in a b-tree (generate 1M: 1.5 s less).
CREATE UNIQUE INDEX events_by_id  ON events (id);
CREATE INDEX events_by_date       ON events (date DESC, id DESC);
CREATE INDEX events_by_date_end   ON events (date_end, date);
-- Covering for "region and date range": the count and the sort keys come from the index alone.
CREATE INDEX events_by_place      ON events (place_id, date, date_end, id);
CREATE INDEX events_by_fatalities ON events (fatalities DESC, id DESC) WHERE fatalities IS NOT NULL;
CREATE INDEX events_by_sources    ON events (source_count DESC, id DESC);
-- seq before role: an actor's newest events are the top of its range, which is how an actor's page is
-- read (EventQueries.InActors); a role filter is checked on the entries.
CREATE INDEX event_actors_by_actor ON event_actors (actor_id, event_seq, role);
CREATE INDEX event_sources_by_document ON event_sources (document_id, event_seq);
CREATE INDEX place_ancestors_by_place ON place_ancestors (place_id);
CREATE INDEX actor_ancestors_by_actor ON actor_ancestors (actor_id);
CREATE INDEX actor_names_by_actor ON actor_names (actor_id);
CREATE INDEX place_names_by_place ON place_names (place_id);
