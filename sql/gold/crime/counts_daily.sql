-- Crimes per force, ward, publication category and local reporting date: the records, and the
-- crimes they count for under the counting rules.
SELECT
  force_id,
  ward_id,
  ward_name,
  crime_category,
  local_date,
  count(*) AS crime_records,
  sum(counted_crimes) AS crime_count
FROM silver.crime
GROUP BY force_id, ward_id, ward_name, crime_category, local_date
