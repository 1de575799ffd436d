-- Each plan target against its indicator's count so far in the plan year, per force, area and
-- indicator. The count is gold.compstat_weekly's year-to-date for the indicator's measure (force
-- code list indicators) at the force's latest week of the plan year; the target is prorated to
-- that week (target x days elapsed / days in the year). An at_most indicator is on track while the
-- count is at or below the prorated target, an at_least one while it is at or above it.
WITH weeks AS (
  SELECT force_id, year(week_end) AS year, max(week_end) AS as_of
  FROM gold.compstat_weekly
  GROUP BY force_id, year(week_end)
),
progress AS (
  SELECT
    t.force_id,
    t.target_id,
    t.area_id,
    t.indicator,
    t.year,
    t.target_value,
    t.measure_group,
    t.measure,
    t.direction,
    w.as_of,
    CASE WHEN t.measure IS NOT NULL AND w.as_of IS NOT NULL THEN coalesce(c.ytd_count, 0) END
      AS count_to_date,
    round(t.target_value * dayofyear(w.as_of)
      / datediff(make_date(t.year + 1, 1, 1), make_date(t.year, 1, 1)), 2) AS target_to_date
  FROM silver.target t
  LEFT JOIN weeks w ON w.force_id = t.force_id AND w.year = t.year
  LEFT JOIN gold.compstat_weekly c
    ON c.force_id = t.force_id
    AND c.area_type = 'ward'
    AND c.area_id = t.area_id
    AND c.measure_group = t.measure_group
    AND c.measure = t.measure
    AND c.week_end = w.as_of
)
SELECT
  *,
  CASE
    WHEN measure IS NULL THEN 'not_measured'
    WHEN as_of IS NULL THEN 'no_data'
    WHEN direction = 'at_least' AND count_to_date >= target_to_date THEN 'on_track'
    WHEN direction = 'at_most' AND count_to_date <= target_to_date THEN 'on_track'
    ELSE 'off_track'
  END AS status
FROM progress
