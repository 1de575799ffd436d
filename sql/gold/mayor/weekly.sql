-- The mayor's weekly summary: per force, area and measure, the week against the weekly average of
-- the four weeks before it and against the same week a year earlier. Aggregates only, no personal
-- data, and disclosure-controlled (docs/serving.md): a count of 1 to 4 is suppressed ('[c]');
-- where a force's total would give a suppressed ward count away (total less the shown wards), the
-- smallest shown ward count of 5 or more is suppressed as well, or the total when there is none.
-- The average, last year's count and the % changes are computed from the protected counts only,
-- so they show nothing the counts do not: an average only when none of its weeks is suppressed.
WITH counts AS (
  SELECT force_id, area_type, area_id, area_name, measure_group, measure, week_start, week_end,
    week_count
  FROM gold.compstat_weekly
),
groups AS (
  SELECT *,
    week_count BETWEEN 1 AND 4 AS primary_cell,
    max(area_type = 'ward' AND week_count BETWEEN 1 AND 4) OVER w AS ward_suppressed,
    max(area_type = 'force' AND week_count BETWEEN 1 AND 4) OVER w AS total_suppressed,
    count(CASE WHEN area_type = 'ward' AND week_count >= 5 THEN 1 END) OVER w AS shown_wards,
    row_number() OVER (
      PARTITION BY force_id, measure_group, measure, week_start,
        area_type = 'ward' AND week_count >= 5
      ORDER BY week_count, area_id) AS size_rank
  FROM counts
  WINDOW w AS (PARTITION BY force_id, measure_group, measure, week_start)
),
protected AS (
  SELECT *,
    primary_cell
      OR (ward_suppressed AND NOT total_suppressed AND area_type = 'ward' AND week_count >= 5
        AND size_rank = 1)
      OR (ward_suppressed AND NOT total_suppressed AND area_type = 'force' AND shown_wards = 0)
      AS suppressed
  FROM groups
),
derived AS (
  SELECT
    p.force_id, p.area_type, p.area_id, p.area_name, p.measure_group, p.measure, p.week_start,
    p.week_end, p.week_count, p.suppressed,
    coalesce(bool_or(b.suppressed), false) AS before_suppressed,
    coalesce(sum(b.week_count), 0) AS before_count
  FROM protected p
  LEFT JOIN protected b
    ON b.force_id = p.force_id AND b.area_type = p.area_type AND b.area_id = p.area_id
    AND b.measure_group = p.measure_group AND b.measure = p.measure
    AND b.week_start BETWEEN date_sub(p.week_start, 28) AND date_sub(p.week_start, 7)
  GROUP BY p.force_id, p.area_type, p.area_id, p.area_name, p.measure_group, p.measure,
    p.week_start, p.week_end, p.week_count, p.suppressed
)
SELECT
  d.force_id,
  d.area_type,
  d.area_id,
  d.area_name,
  d.measure_group,
  d.measure,
  d.week_start,
  d.week_end,
  CASE WHEN d.suppressed THEN '[c]' ELSE CAST(d.week_count AS STRING) END AS this_week,
  CASE WHEN d.before_suppressed THEN '[c]'
    ELSE CAST(round(d.before_count / 4.0, 1) AS STRING) END AS preceding_4_weeks_avg,
  CASE WHEN ly.suppressed THEN '[c]' ELSE CAST(coalesce(ly.week_count, 0) AS STRING) END
    AS same_week_last_year,
  CASE WHEN NOT d.suppressed AND NOT d.before_suppressed AND d.week_count >= 5
      AND d.before_count >= 5
    THEN round(100.0 * (d.week_count - d.before_count / 4.0) / (d.before_count / 4.0), 1)
  END AS change_vs_4_weeks_pct,
  CASE WHEN NOT d.suppressed AND NOT coalesce(ly.suppressed, false) AND d.week_count >= 5
      AND ly.week_count >= 5
    THEN round(100.0 * (d.week_count - ly.week_count) / ly.week_count, 1)
  END AS change_vs_last_year_pct
FROM derived d
LEFT JOIN protected ly
  ON ly.force_id = d.force_id AND ly.area_type = d.area_type AND ly.area_id = d.area_id
  AND ly.measure_group = d.measure_group AND ly.measure = d.measure
  AND ly.week_start = date_sub(d.week_start, 364)
