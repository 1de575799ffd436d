-- Road-safety hot spots per street segment and month: collisions snapped to their nearest street
-- (silver.collision.street_id: the nearest segment within 100 m), by severity, with the severity
-- index (fatal 7, serious 3, other 1: the weights of gold.hotspot_collision_cells,
-- spatial/CollisionSeverity) per km of the segment, ranked within the force and month.
WITH streets AS (
  SELECT force_id, street_id, street_name, road_class,
         ST_Length(ST_GeomFromWKB(geom_planar)) / 1000 AS length_km
  FROM silver.street
),
monthly AS (
  SELECT
    force_id,
    street_id,
    CAST(date_trunc('MONTH', local_date) AS DATE) AS period_start,
    count(*) AS collision_count,
    count(CASE WHEN severity_class = 'fatal' THEN 1 END) AS fatal_count,
    count(CASE WHEN severity_class = 'serious' THEN 1 END) AS serious_count,
    count(CASE WHEN severity_class = 'slight' THEN 1 END) AS slight_count,
    sum(CASE severity_class WHEN 'fatal' THEN 7 WHEN 'serious' THEN 3 ELSE 1 END) AS severity_index
  FROM silver.collision
  WHERE street_id IS NOT NULL
  GROUP BY force_id, street_id, CAST(date_trunc('MONTH', local_date) AS DATE)
),
indexed AS (
  SELECT
    m.*,
    s.street_name,
    s.road_class,
    round(s.length_km, 3) AS length_km,
    round(m.severity_index / s.length_km, 3) AS severity_per_km
  FROM monthly m
  JOIN streets s ON s.force_id = m.force_id AND s.street_id = m.street_id
)
SELECT
  force_id,
  street_id,
  street_name,
  road_class,
  length_km,
  'month' AS period,
  period_start,
  collision_count,
  fatal_count,
  serious_count,
  slight_count,
  severity_index,
  severity_per_km,
  rank() OVER (PARTITION BY force_id, period_start ORDER BY severity_per_km DESC) AS severity_rank
FROM indexed
