-- One row per force and place of gold.place_link (a force sees its own records: the row scope of
-- every force-scoped role): the gazetteer's address and point when it is one, the persons recorded
-- living there (pseudonymous ids, with the dates their records give), how the records wrote it,
-- the crimes whose scene it is, and every record naming it on a timeline, newest first.
-- Tiered by clearance (docs/serving.md): built once per level the records hold, from the records
-- at or below it; a user sees the one tier of their clearance.
WITH level AS (
  SELECT DISTINCT clearance_required AS level FROM gold.place_link
  UNION
  SELECT DISTINCT clearance_required FROM gold.person_link
),
resident AS (
  SELECT
    v.level,
    p.force_id,
    p.place_id,
    pl.person_id,
    min(p.event_at) AS first_recorded,
    max(p.event_at) AS last_recorded,
    count(*) AS records,
    max(greatest(p.clearance_required, pl.clearance_required)) AS clearance_required
  FROM gold.place_link p
  JOIN gold.person_link pl ON pl.force_id = p.force_id AND pl.mention_id = p.mention_id
  JOIN level v ON greatest(p.clearance_required, pl.clearance_required) <= v.level
  GROUP BY v.level, p.force_id, p.place_id, pl.person_id
),
residents AS (
  SELECT
    level,
    force_id,
    place_id,
    count(*) AS persons,
    max(clearance_required) AS clearance_required,
    concat_ws('; ',
      transform(
        sort_array(collect_list(named_struct(
          'last', last_recorded, 'first', first_recorded, 'person_id', person_id, 'records', records)),
          false),
        r -> concat(r.person_id, ' (', date_format(r.first, 'yyyy-MM-dd'), ' to ',
                    date_format(r.last, 'yyyy-MM-dd'), ', ', r.records, ' records)'))) AS residents
  FROM resident
  GROUP BY level, force_id, place_id
),
place AS (
  SELECT
    v.level,
    force_id,
    place_id,
    max(address_id) AS address_id,
    max(place_text) AS place_text,
    max(place_key) AS place_key,
    count(*) AS mentions,
    count_if(role = 'scene') AS crime_scenes,
    count_if(role IS DISTINCT FROM 'scene') AS home_records,
    count_if(method IN ('fuzzy', 'street')) AS inexact_mentions,
    min(event_at) AS first_seen,
    max(event_at) AS last_seen,
    concat_ws('; ', sort_array(collect_set(address_recorded))) AS addresses_recorded,
    sort_array(
      collect_list(
        named_struct(
          'event_at', event_at,
          'event_type', event_type,
          'event_id', event_id,
          'role', role,
          'source', _source,
          'method', method)),
      false) AS timeline,
    max(clearance_required) AS clearance_required
  FROM gold.place_link
  JOIN level v ON clearance_required <= v.level
  GROUP BY v.level, force_id, place_id
),
tier AS (
  -- The levels that give the same tier give the same row: one of each.
  SELECT DISTINCT
    p.force_id,
    p.place_id,
    p.address_id,
    p.place_text,
    p.place_key,
    p.mentions,
    p.crime_scenes,
    p.home_records,
    p.inexact_mentions,
    p.first_seen,
    p.last_seen,
    p.addresses_recorded,
    p.timeline,
    coalesce(r.persons, 0) AS persons,
    r.residents,
    g.postcode,
    g.x_m,
    g.y_m,
    g.lon,
    g.lat,
    g.ward_id,
    g.ward_name,
    -- A tier shows what its records say: the highest clearance of them.
    greatest(p.clearance_required, coalesce(r.clearance_required, 0)) AS clearance_required
  FROM place p
  LEFT JOIN residents r ON r.level = p.level AND r.force_id = p.force_id AND r.place_id = p.place_id
  LEFT JOIN silver.location g ON g.force_id = p.force_id AND g.address_id = p.address_id
)
SELECT
  *,
  lead(clearance_required) OVER (PARTITION BY force_id, place_id ORDER BY clearance_required)
    AS clearance_until
FROM tier
ORDER BY place_key, clearance_required
