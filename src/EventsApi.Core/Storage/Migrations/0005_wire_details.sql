-- No change of tables: events.details now holds the actors, location and sources exactly as the API shows
-- them (snake_case names, nulls written), so a page of events copies them into the response
-- without parsing them (EventDetails, EventJson). Files of an older version hold them in the
-- compact form and are rebuilt, not read.
SELECT 1;
