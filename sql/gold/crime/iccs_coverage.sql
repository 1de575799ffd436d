-- Every offence code each force has recorded crimes under, with the ICCS code it maps to and
-- whether that code is in the ICCS hierarchy: unmapped codes are reported here, never dropped.
SELECT
  force_id,
  offence_code,
  first(offence_description) AS offence_description,
  first(iccs_code) AS iccs_code,
  first(iccs_level1) AS iccs_level1,
  first(iccs_level2) AS iccs_level2,
  bool_and(iccs_mapped) AS mapped,
  count(*) AS crime_records,
  sum(counted_crimes) AS counted_crimes
FROM silver.crime
GROUP BY force_id, offence_code
