-- Response times per force, grade, ward, shift and local week: time to answer the first call, to
-- dispatch and to arrival, their medians and 90th percentiles, and the share of arrivals within
-- the grade's target (pipelines/code_lists/<force>/ CAD grades, column target_minutes).
-- Shifts by the local hour the incident was received: early 07-15, late 15-23, night 23-07.
-- An arrival keyed before the dispatch is a coding error (see the data-quality tables): counted,
-- not timed.
WITH first_calls AS (
  SELECT
    force_id,
    incident_id,
    min_by(unix_timestamp(answered_at) - unix_timestamp(received_at), received_at) AS answer_seconds
  FROM silver.call
  WHERE incident_id IS NOT NULL
  GROUP BY force_id, incident_id
),
incidents AS (
  SELECT
    i.force_id,
    i.grade,
    i.grade_label,
    i.target_minutes,
    i.ward_id,
    i.ward_name,
    CASE
      WHEN i.local_hour BETWEEN 7 AND 14 THEN 'early'
      WHEN i.local_hour BETWEEN 15 AND 22 THEN 'late'
      ELSE 'night'
    END AS shift,
    CAST(date_trunc('WEEK', i.local_date) AS DATE) AS week_start,
    c.answer_seconds,
    (unix_timestamp(i.dispatched_at) - unix_timestamp(i.received_at)) / 60.0 AS dispatch_minutes,
    CASE WHEN i.arrived_at >= i.dispatched_at
      THEN (unix_timestamp(i.arrived_at) - unix_timestamp(i.received_at)) / 60.0 END
      AS arrival_minutes,
    i.arrived_at < i.dispatched_at AS arrival_before_dispatch
  FROM silver.incident i
  LEFT JOIN first_calls c ON c.force_id = i.force_id AND c.incident_id = i.incident_id
  WHERE i.local_date IS NOT NULL AND i.grade IS NOT NULL
)
SELECT
  force_id,
  grade,
  grade_label,
  ward_id,
  ward_name,
  shift,
  week_start,
  count(*) AS incidents,
  count(answer_seconds) AS answered,
  percentile(answer_seconds, 0.5) AS answer_p50_seconds,
  percentile(answer_seconds, 0.9) AS answer_p90_seconds,
  count(dispatch_minutes) AS dispatched,
  round(percentile(dispatch_minutes, 0.5), 2) AS dispatch_p50_minutes,
  round(percentile(dispatch_minutes, 0.9), 2) AS dispatch_p90_minutes,
  count(arrival_minutes) AS arrived,
  round(percentile(arrival_minutes, 0.5), 2) AS arrival_p50_minutes,
  round(percentile(arrival_minutes, 0.9), 2) AS arrival_p90_minutes,
  max(target_minutes) AS target_minutes,
  count_if(arrival_minutes <= target_minutes) AS within_target,
  CASE WHEN count(arrival_minutes) > 0 AND max(target_minutes) IS NOT NULL
    THEN round(100.0 * count_if(arrival_minutes <= target_minutes) / count(arrival_minutes), 1)
  END AS within_target_pct,
  count_if(arrival_before_dispatch) AS arrival_before_dispatch
FROM incidents
GROUP BY force_id, grade, grade_label, ward_id, ward_name, shift, week_start
