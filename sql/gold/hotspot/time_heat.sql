-- Where and when: crimes and incidents per ward, category, ISO day of week (1 Monday) and local hour.
-- An incident counts 1 at the hour it was received. A crime's time is rarely known to the hour: it is
-- spread aoristically (Ratcliffe 2002) over the hours of its committed window, each hour weighing
-- 1 / (hours in the window); a crime with only a start counts 1 at that hour. Windows longer than a
-- week carry no time-of-day information and are left out (see the model's reconciliation tests).
WITH crime_windows AS (
  SELECT
    force_id,
    ward_id,
    ward_name,
    crime_category AS category,
    sequence(
      date_trunc('HOUR', coalesce(committed_from_local, reported_local)),
      date_trunc('HOUR', coalesce(committed_to_local, committed_from_local, reported_local)),
      INTERVAL 1 HOUR
    ) AS hours
  FROM silver.crime
  WHERE coalesce(committed_to_local, committed_from_local, reported_local)
      >= coalesce(committed_from_local, reported_local)
    AND coalesce(committed_to_local, committed_from_local, reported_local)
      < coalesce(committed_from_local, reported_local) + INTERVAL 7 DAYS
),
crime_hours AS (
  SELECT force_id, ward_id, ward_name, category, explode(hours) AS hour_start, 1.0 / size(hours) AS weight
  FROM crime_windows
),
events AS (
  SELECT
    force_id, 'crime' AS event_type, ward_id, ward_name, category,
    weekday(hour_start) + 1 AS day_of_week, hour(hour_start) AS hour, weight
  FROM crime_hours
  UNION ALL
  SELECT
    force_id, 'incident' AS event_type, ward_id, ward_name, 'all' AS category,
    weekday(local_date) + 1 AS day_of_week, local_hour AS hour, 1.0 AS weight
  FROM silver.incident
  WHERE local_hour IS NOT NULL
)
SELECT
  force_id,
  event_type,
  ward_id,
  ward_name,
  category,
  day_of_week,
  hour,
  CAST(sum(weight) AS DOUBLE) AS events
FROM events
GROUP BY force_id, event_type, ward_id, ward_name, category, day_of_week, hour
