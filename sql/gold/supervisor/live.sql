-- What a supervisor sees now, per force and ward: open incidents, those still waiting for a
-- dispatch (and how long the oldest has waited), and officers on duty and available. "Now" is the
-- latest receipt time in the force's incidents (the last micro-batch); only incidents received in
-- the 24 hours before it are read, so the table is rebuilt from the recent window alone.
-- Officers are placed in the ward their home station is in (the roster's station names the ward).
WITH now AS (
  SELECT force_id, max(received_at) AS as_of FROM silver.incident GROUP BY force_id
),
open_incidents AS (
  SELECT
    i.force_id,
    i.ward_id,
    i.ward_name,
    1 AS open_incident,
    CASE WHEN i.target_minutes IS NOT NULL AND (i.dispatched_at IS NULL OR i.dispatched_at > n.as_of)
      THEN (unix_timestamp(n.as_of) - unix_timestamp(i.received_at)) / 60.0 END AS waiting_minutes,
    i.target_minutes,
    CAST(NULL AS STRING) AS officer_id,
    CAST(NULL AS BOOLEAN) AS available
  FROM silver.incident i
  JOIN now n ON n.force_id = i.force_id
  WHERE i.received_at > n.as_of - INTERVAL 24 HOURS
    AND i.received_at <= n.as_of
    AND (i.closed_at IS NULL OR i.closed_at > n.as_of)
),
officers_now AS (
  SELECT
    d.force_id,
    a.area_id AS ward_id,
    a.area_name AS ward_name,
    0 AS open_incident,
    CAST(NULL AS DOUBLE) AS waiting_minutes,
    CAST(NULL AS INT) AS target_minutes,
    d.officer_id,
    d.available
  FROM silver.duty d
  JOIN now n ON n.force_id = d.force_id
  JOIN silver.officer o ON o.force_id = d.force_id AND o.officer_id = d.officer_id
  LEFT JOIN silver.area a
    ON a.force_id = o.force_id AND a.area_type = 'ward' AND a.area_name = o.station
  WHERE d.from_at <= n.as_of AND (d.to_at IS NULL OR d.to_at > n.as_of)
),
everything AS (
  SELECT * FROM open_incidents
  UNION ALL
  SELECT * FROM officers_now
)
SELECT
  e.force_id,
  e.ward_id,
  max(e.ward_name) AS ward_name,
  max(n.as_of) AS as_of,
  sum(e.open_incident) AS open_incidents,
  count(e.waiting_minutes) AS awaiting_dispatch,
  count_if(e.waiting_minutes > e.target_minutes) AS awaiting_past_target,
  round(max(e.waiting_minutes), 1) AS oldest_wait_minutes,
  count(DISTINCT e.officer_id) AS officers_on_duty,
  count(DISTINCT CASE WHEN e.available THEN e.officer_id END) AS officers_available
FROM everything e
JOIN now n ON n.force_id = e.force_id
GROUP BY e.force_id, e.ward_id
