-- Events per H3 cell (resolution 8: ~0.74 km2 hexagons, comparable across forces) and month.
-- Cells come from Sedona's ST_H3CellIDs on the WGS84 point; the cell centre is given for maps.
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
    ST_H3CellIDs(ST_GeomFromWKB(geom), 8, false)[0] AS h3_cell
  FROM events
  WHERE geom IS NOT NULL
)
SELECT
  force_id,
  event_type,
  8 AS h3_resolution,
  h3_cell,
  lower(hex(h3_cell)) AS h3_index,
  'month' AS period,
  period_start,
  count(*) AS event_count,
  ST_X(ST_Centroid(ST_H3ToGeom(array(h3_cell))[0])) AS cell_lon,
  ST_Y(ST_Centroid(ST_H3ToGeom(array(h3_cell))[0])) AS cell_lat
FROM cells
GROUP BY force_id, event_type, h3_cell, period_start
