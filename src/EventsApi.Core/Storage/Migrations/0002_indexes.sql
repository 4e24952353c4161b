-- Indexes for the filters of /v1/events, created after the bulk load.

CREATE INDEX events_by_date       ON events (date DESC, id DESC);
CREATE INDEX events_by_date_end   ON events (date_end, date);
CREATE INDEX events_by_type       ON events (type, subtype, date DESC);
-- Covering for "region and date range": the count and the sort keys come from the index alone.
CREATE INDEX events_by_place      ON events (place_id, date, date_end, id);
CREATE INDEX events_by_fatalities ON events (fatalities DESC, id DESC) WHERE fatalities IS NOT NULL;
CREATE INDEX events_by_sources    ON events (source_count DESC, id DESC);
CREATE INDEX events_by_location   ON events (longitude, latitude) WHERE longitude IS NOT NULL;
CREATE INDEX event_actors_by_actor ON event_actors (actor_id, role, event_seq);
CREATE INDEX event_sources_by_document ON event_sources (document_id, event_seq);
CREATE INDEX place_ancestors_by_place ON place_ancestors (place_id);
CREATE INDEX actor_ancestors_by_actor ON actor_ancestors (actor_id);
CREATE INDEX actor_names_by_actor ON actor_names (actor_id);
CREATE INDEX place_names_by_place ON place_names (place_id);
