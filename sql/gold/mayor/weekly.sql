-- The mayor's weekly summary: per force, area and measure, the week against the weekly average of
-- the four weeks before it and against the same week a year earlier. Aggregates only, no personal
-- data. Small counts are suppressed until the publishing rules land: a count of 1 to 4 is shown
-- as '<5', and a % change is given only when both counts it compares are 5 or more.
SELECT
  force_id,
  area_type,
  area_id,
  area_name,
  measure_group,
  measure,
  week_start,
  week_end,
  CASE WHEN week_count BETWEEN 1 AND 4 THEN '<5' ELSE CAST(week_count AS STRING) END
    AS this_week,
  CASE WHEN prev_4_weeks_count BETWEEN 1 AND 4 THEN '<5'
    ELSE CAST(round(prev_4_weeks_count / 4.0, 1) AS STRING) END AS preceding_4_weeks_avg,
  CASE WHEN week_count_ly BETWEEN 1 AND 4 THEN '<5' ELSE CAST(week_count_ly AS STRING) END
    AS same_week_last_year,
  CASE WHEN week_count >= 5 AND prev_4_weeks_count >= 5
    THEN round(100.0 * (week_count - prev_4_weeks_count / 4.0) / (prev_4_weeks_count / 4.0), 1)
  END AS change_vs_4_weeks_pct,
  CASE WHEN week_count >= 5 AND week_count_ly >= 5
    THEN round(100.0 * (week_count - week_count_ly) / week_count_ly, 1)
  END AS change_vs_last_year_pct
FROM gold.compstat_weekly
