-- Events per H3 cell and month at resolutions 7 to 10 (hexagons of ~5.2, 0.74, 0.11 and 0.015 km2,
-- comparable across forces): filter on h3_resolution. Cells come from Sedona's ST_H3CellIDs on the
-- WGS84 point; the cell centre is given for maps.
WITH events AS (
  SELECT force_id, 'crime' AS event_type, local_date, geom FROM silver.crime
  UNION ALL
  SELECT force_id, 'incident' AS event_type, local_date, geom FROM silver.incident
),
cells AS (
  SELECT
    force_id,
    event_type,
    CAST(date_trunc('MONTH', local_date) AS DATE) AS period_start,
    h3_resolution,
    ST_H3CellIDs(ST_GeomFromWKB(geom), h3_resolution, false)[0] AS h3_cell
  FROM events
  LATERAL VIEW explode(array(7, 8, 9, 10)) resolutions AS h3_resolution
  WHERE geom IS NOT NULL
)
SELECT
  force_id,
  event_type,
  h3_resolution,
  h3_cell,
  lower(hex(h3_cell)) AS h3_index,
  'month' AS period,
  period_start,
  count(*) AS event_count,
  ST_X(ST_Centroid(ST_H3ToGeom(array(h3_cell))[0])) AS cell_lon,
  ST_Y(ST_Centroid(ST_H3ToGeom(array(h3_cell))[0])) AS cell_lat
FROM cells
GROUP BY force_id, event_type, h3_resolution, h3_cell, period_start
