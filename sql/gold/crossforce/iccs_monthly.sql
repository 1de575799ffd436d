-- Crimes as counted under the counting rules, per force, ward (and the force as a whole), ICCS
-- section and division, and local month, with the rate per 1,000 residents of that year.
-- Comparable across forces: every force's own codes are mapped to the UN ICCS.
WITH crimes AS (
  SELECT
    force_id,
    ward_id,
    ward_name,
    coalesce(iccs_level1, 'unmapped') AS iccs_level1,
    coalesce(iccs_level1_label, 'Not mapped to ICCS (see gold.crime_iccs_coverage)') AS iccs_level1_label,
    iccs_level2,
    iccs_level2_label,
    CAST(date_trunc('MONTH', local_date) AS DATE) AS month,
    counted_crimes
  FROM silver.crime
),
counts AS (
  SELECT
    force_id, 'ward' AS area_type, ward_id AS area_id, ward_name AS area_name,
    iccs_level1, iccs_level1_label, iccs_level2, iccs_level2_label, month,
    sum(counted_crimes) AS crime_count
  FROM crimes
  GROUP BY force_id, ward_id, ward_name, iccs_level1, iccs_level1_label, iccs_level2, iccs_level2_label, month
  HAVING sum(counted_crimes) > 0
  UNION ALL
  SELECT
    force_id, 'force' AS area_type, force_id AS area_id, force_id AS area_name,
    iccs_level1, iccs_level1_label, iccs_level2, iccs_level2_label, month,
    sum(counted_crimes) AS crime_count
  FROM crimes
  GROUP BY force_id, iccs_level1, iccs_level1_label, iccs_level2, iccs_level2_label, month
  HAVING sum(counted_crimes) > 0
),
population AS (
  SELECT force_id, 'ward' AS area_type, area_id, year, population FROM silver.population
  UNION ALL
  SELECT force_id, 'force' AS area_type, force_id AS area_id, year, sum(population) AS population
  FROM silver.population
  GROUP BY force_id, year
)
SELECT
  c.force_id,
  c.area_type,
  c.area_id,
  c.area_name,
  c.iccs_level1,
  c.iccs_level1_label,
  c.iccs_level2,
  c.iccs_level2_label,
  c.month,
  c.crime_count,
  p.population,
  round(c.crime_count * 1000.0 / p.population, 4) AS rate_per_1000
FROM counts c
LEFT JOIN population p
  ON p.force_id = c.force_id
  AND p.area_type = c.area_type
  AND p.area_id = c.area_id
  AND p.year = year(c.month)
