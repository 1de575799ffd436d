-- One row per force and vehicle of gold.vehicle_link (a force sees its own records: the row scope of
-- every force-scoped role): its registration, when it was first and last seen, its make, colour and
-- registered keeper (the licensing extract's newest record of it) and every record naming it on a
-- timeline, newest first.
WITH keeper AS (
  SELECT
    l.force_id,
    l.vehicle_id,
    max_by(
      named_struct(
        'make', v.make,
        'colour', v.colour,
        'keeper_forename', v.keeper_forename,
        'keeper_surname', v.keeper_surname,
        'keeper_address', v.keeper_address,
        'registered_on', v.registered_on),
      v._ingested_at) AS latest
  FROM gold.vehicle_link l
  JOIN silver.vehicle_record v ON v.force_id = l.force_id AND v.vrm = l.record_id
  WHERE l.entity = 'vehicle_record'
  GROUP BY l.force_id, l.vehicle_id
),
vehicle AS (
  SELECT
    force_id,
    vehicle_id,
    first(country) AS country,
    max(vrm) AS vrm,
    max(vrm_key) AS vrm_key,
    count(*) AS mentions,
    count_if(event_type = 'anpr') AS anpr_sightings,
    count_if(event_type = 'collision') AS collisions,
    count_if(event_type = 'stop') AS stops,
    count_if(event_type = 'penalty_notice') AS penalty_notices,
    count_if(event_type = 'registration') AS keeper_records,
    count_if(correction <> '') AS corrected_mentions,
    min(CASE WHEN event_type <> 'registration' THEN event_at END) AS first_seen,
    max(CASE WHEN event_type <> 'registration' THEN event_at END) AS last_seen,
    sort_array(
      collect_list(
        named_struct(
          'event_at', event_at,
          'event_type', event_type,
          'event_id', event_id,
          'role', role,
          'source', _source,
          'vrm_recorded', vrm_recorded,
          'correction', correction)),
      false) AS timeline
  FROM gold.vehicle_link
  GROUP BY force_id, vehicle_id
)
SELECT
  v.*,
  k.latest.make AS make,
  k.latest.colour AS colour,
  k.latest.registered_on AS registered_on,
  k.latest.keeper_forename AS keeper_forename,
  k.latest.keeper_surname AS keeper_surname,
  k.latest.keeper_address AS keeper_address
FROM vehicle v
LEFT JOIN keeper k ON k.force_id = v.force_id AND k.vehicle_id = v.vehicle_id
ORDER BY v.vrm_key
