-- CompStat: for each force, area (ward, and the force as a whole), measure and local week
-- (Monday to Sunday): the week's count, the previous week, the four weeks before the week, the 28
-- days to the week's Sunday, the year to date, and the same periods a year (52 weeks) earlier;
-- the % change and the Poisson z-score 2(sqrt(current) - sqrt(previous)), flagged at |z| >= 3.
-- Crimes are counted under the counting rules; operational measures count arrests and stops;
-- roads measures count injury collisions (any casualty) and fatal ones.
WITH events AS (
  SELECT force_id, ward_id, ward_name, 'crime' AS measure_group, crime_category AS measure,
    local_date, counted_crimes AS n
  FROM silver.crime
  WHERE local_date IS NOT NULL AND crime_category IS NOT NULL
  UNION ALL
  SELECT force_id, ward_id, ward_name, 'operational', 'arrests', local_date, 1
  FROM silver.arrest
  WHERE local_date IS NOT NULL
  UNION ALL
  SELECT force_id, ward_id, ward_name, 'operational', stop_kind, local_date, 1
  FROM silver.stop
  WHERE local_date IS NOT NULL AND stop_kind IS NOT NULL
  UNION ALL
  SELECT force_id, ward_id, ward_name, 'roads', 'injury_collisions', local_date, 1
  FROM silver.collision
  WHERE local_date IS NOT NULL AND severity_class IN ('fatal', 'serious', 'slight')
  UNION ALL
  SELECT force_id, ward_id, ward_name, 'roads', 'fatal_collisions', local_date, 1
  FROM silver.collision
  WHERE local_date IS NOT NULL AND severity_class = 'fatal'
),
daily AS (
  SELECT force_id, 'ward' AS area_type, ward_id AS area_id, ward_name AS area_name,
    measure_group, measure, local_date, sum(n) AS n
  FROM events
  WHERE ward_id IS NOT NULL
  GROUP BY force_id, ward_id, ward_name, measure_group, measure, local_date
  UNION ALL
  SELECT force_id, 'force', force_id, force_id, measure_group, measure, local_date, sum(n)
  FROM events
  GROUP BY force_id, measure_group, measure, local_date
),
weeks AS (
  SELECT DISTINCT force_id, CAST(date_trunc('WEEK', local_date) AS DATE) AS week_start
  FROM daily
),
series AS (
  SELECT DISTINCT force_id, area_type, area_id, area_name, measure_group, measure FROM daily
),
grid AS (
  SELECT s.*, w.week_start, date_add(w.week_start, 6) AS week_end
  FROM series s
  JOIN weeks w ON w.force_id = s.force_id
),
counts AS (
  SELECT
    g.force_id, g.area_type, g.area_id, g.area_name, g.measure_group, g.measure,
    g.week_start, g.week_end,
    coalesce(sum(CASE WHEN d.local_date BETWEEN g.week_start AND g.week_end THEN d.n END), 0)
      AS week_count,
    coalesce(sum(CASE WHEN d.local_date BETWEEN date_sub(g.week_start, 7)
      AND date_sub(g.week_start, 1) THEN d.n END), 0) AS prev_week_count,
    coalesce(sum(CASE WHEN d.local_date BETWEEN date_sub(g.week_start, 28)
      AND date_sub(g.week_start, 1) THEN d.n END), 0) AS prev_4_weeks_count,
    coalesce(sum(CASE WHEN d.local_date BETWEEN date_sub(g.week_end, 27) AND g.week_end
      THEN d.n END), 0) AS d28_count,
    coalesce(sum(CASE WHEN d.local_date BETWEEN make_date(year(g.week_end), 1, 1) AND g.week_end
      THEN d.n END), 0) AS ytd_count,
    coalesce(sum(CASE WHEN d.local_date BETWEEN date_sub(g.week_start, 364)
      AND date_sub(g.week_end, 364) THEN d.n END), 0) AS week_count_ly,
    coalesce(sum(CASE WHEN d.local_date BETWEEN date_sub(g.week_end, 364 + 27)
      AND date_sub(g.week_end, 364) THEN d.n END), 0) AS d28_count_ly,
    coalesce(sum(CASE WHEN d.local_date BETWEEN make_date(year(g.week_end) - 1, 1, 1)
      AND date_sub(g.week_end, 364) THEN d.n END), 0) AS ytd_count_ly
  FROM grid g
  LEFT JOIN daily d
    ON d.force_id = g.force_id
    AND d.area_type = g.area_type
    AND d.area_id = g.area_id
    AND d.measure_group = g.measure_group
    AND d.measure = g.measure
    AND d.local_date BETWEEN least(make_date(year(g.week_end) - 1, 1, 1), date_sub(g.week_end, 391))
      AND g.week_end
  GROUP BY g.force_id, g.area_type, g.area_id, g.area_name, g.measure_group, g.measure,
    g.week_start, g.week_end
)
SELECT
  *,
  CASE WHEN prev_week_count > 0
    THEN round(100.0 * (week_count - prev_week_count) / prev_week_count, 1) END
    AS week_change_pct,
  round(2 * (sqrt(week_count) - sqrt(prev_week_count)), 3) AS week_z,
  abs(2 * (sqrt(week_count) - sqrt(prev_week_count))) >= 3 AS week_flag,
  CASE WHEN week_count_ly > 0
    THEN round(100.0 * (week_count - week_count_ly) / week_count_ly, 1) END
    AS year_change_pct,
  round(2 * (sqrt(week_count) - sqrt(week_count_ly)), 3) AS year_z,
  abs(2 * (sqrt(week_count) - sqrt(week_count_ly))) >= 3 AS year_flag
FROM counts
WHERE week_count + prev_week_count + prev_4_weeks_count + d28_count + ytd_count
  + week_count_ly + d28_count_ly + ytd_count_ly > 0
