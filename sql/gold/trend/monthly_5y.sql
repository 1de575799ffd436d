-- Five years of monthly crime counts (counting rules) per force, area (ward, and the force as a
-- whole) and category (and 'all'), with a seasonal index, the seasonally adjusted count, a fitted
-- linear trend and the change of the last 12 months against the 12 before.
-- Months run from the force's first month with crimes (at most 59 months before its last) to its
-- last; a month without crimes in a series counts 0. The last month may still be incomplete.
-- Seasonal index (classical ratio to moving average): each month of the force-level series over
-- its centred 2x12 moving average, averaged per calendar month and scaled so the 12 indices
-- average 1; wards use their force's index (too few crimes per ward to estimate their own); 1
-- when the series is shorter than 24 months. Trend: least-squares slope of the adjusted counts on
-- the month, per year and as % of the series' mean adjusted count (12 months or more).
WITH monthly AS (
  SELECT force_id, ward_id, ward_name, crime_category,
    CAST(date_trunc('MONTH', local_date) AS DATE) AS month, sum(counted_crimes) AS n
  FROM silver.crime
  WHERE local_date IS NOT NULL AND crime_category IS NOT NULL
  GROUP BY force_id, ward_id, ward_name, crime_category, CAST(date_trunc('MONTH', local_date) AS DATE)
),
counts AS (
  SELECT force_id, 'ward' AS area_type, ward_id AS area_id, ward_name AS area_name, crime_category,
    month, n
  FROM monthly WHERE ward_id IS NOT NULL
  UNION ALL
  SELECT force_id, 'ward', ward_id, ward_name, 'all', month, sum(n)
  FROM monthly WHERE ward_id IS NOT NULL GROUP BY force_id, ward_id, ward_name, month
  UNION ALL
  SELECT force_id, 'force', force_id, force_id, crime_category, month, sum(n)
  FROM monthly GROUP BY force_id, crime_category, month
  UNION ALL
  SELECT force_id, 'force', force_id, force_id, 'all', month, sum(n)
  FROM monthly GROUP BY force_id, month
),
bounds AS (
  SELECT force_id, greatest(min(month), add_months(max(month), -59)) AS first_month,
    max(month) AS last_month
  FROM counts GROUP BY force_id
),
months AS (
  SELECT b.force_id, b.first_month, m AS month
  FROM bounds b
  LATERAL VIEW explode(sequence(b.first_month, b.last_month, INTERVAL 1 MONTH)) t AS m
),
series AS (
  SELECT DISTINCT force_id, area_type, area_id, area_name, crime_category FROM counts
),
filled AS (
  SELECT s.force_id, s.area_type, s.area_id, s.area_name, s.crime_category, m.month,
    CAST(months_between(m.month, m.first_month) AS INT) AS month_index,
    coalesce(c.n, 0) AS crime_count
  FROM series s
  JOIN months m ON m.force_id = s.force_id
  LEFT JOIN counts c
    ON c.force_id = s.force_id AND c.area_type = s.area_type AND c.area_id = s.area_id
    AND c.crime_category = s.crime_category AND c.month = m.month
),
ratios AS (
  SELECT force_id, crime_category, month, crime_count,
    count(*) OVER (PARTITION BY force_id, crime_category) AS months,
    CASE WHEN lag(crime_count, 6) OVER o IS NOT NULL AND lead(crime_count, 6) OVER o IS NOT NULL
      THEN (sum(crime_count) OVER (PARTITION BY force_id, crime_category ORDER BY month
              ROWS BETWEEN 6 PRECEDING AND 6 FOLLOWING)
            - 0.5D * lag(crime_count, 6) OVER o - 0.5D * lead(crime_count, 6) OVER o) / 12
    END AS moving_average
  FROM filled
  WHERE area_type = 'force'
  WINDOW o AS (PARTITION BY force_id, crime_category ORDER BY month)
),
raw_index AS (
  SELECT force_id, crime_category, month(month) AS calendar_month,
    avg(crime_count / moving_average) AS ratio, max(months) AS months
  FROM ratios
  WHERE moving_average > 0
  GROUP BY force_id, crime_category, month(month)
),
seasonal AS (
  SELECT force_id, crime_category, calendar_month,
    CASE WHEN months >= 24 AND count(*) OVER p = 12 THEN ratio / avg(ratio) OVER p END
      AS seasonal_index
  FROM raw_index
  WINDOW p AS (PARTITION BY force_id, crime_category)
),
adjusted AS (
  SELECT f.*,
    coalesce(s.seasonal_index, 1D) AS seasonal_index,
    f.crime_count / coalesce(s.seasonal_index, 1D) AS adjusted_count,
    max(f.month_index) OVER w AS last_index
  FROM filled f
  LEFT JOIN seasonal s
    ON s.force_id = f.force_id AND s.crime_category = f.crime_category
    AND s.calendar_month = month(f.month)
  WINDOW w AS (PARTITION BY f.force_id, f.area_type, f.area_id, f.crime_category)
),
fitted AS (
  SELECT *,
    count(*) OVER w AS months_in_series,
    regr_slope(adjusted_count, month_index) OVER w AS slope,
    avg(adjusted_count) OVER w AS mean_adjusted,
    sum(CASE WHEN month_index > last_index - 12 THEN crime_count END) OVER w AS last_12,
    sum(CASE WHEN month_index BETWEEN last_index - 23 AND last_index - 12 THEN crime_count END)
      OVER w AS previous_12
  FROM adjusted
  WINDOW w AS (PARTITION BY force_id, area_type, area_id, crime_category)
)
SELECT
  force_id, area_type, area_id, area_name, crime_category, month, month_index, crime_count,
  round(seasonal_index, 4) AS seasonal_index,
  round(adjusted_count, 2) AS adjusted_count,
  CASE WHEN months_in_series >= 12 THEN round(12 * slope, 3) END AS trend_per_year,
  CASE WHEN months_in_series >= 12 AND mean_adjusted > 0
    THEN round(100 * 12 * slope / mean_adjusted, 2) END AS trend_pct_per_year,
  CASE WHEN months_in_series >= 24 AND previous_12 > 0
    THEN round(100D * (last_12 - previous_12) / previous_12, 2) END AS change_12m_pct
FROM fitted
