-- Recorded crimes per force, ward, publication category and local reporting date.
SELECT
  force_id,
  ward_id,
  ward_name,
  crime_category,
  local_date,
  count(*) AS crime_count
FROM silver.crime
GROUP BY force_id, ward_id, ward_name, crime_category, local_date
