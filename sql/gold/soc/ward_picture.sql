-- The serious-and-organised-crime picture per force and ward over the 365 days to the force's
-- latest crime date: SOC-indicative crimes (ICCS 0601 drug trafficking and possession, 0901
-- weapons and explosives) and the incidents they were recorded from, intelligence reports flagged
-- SOC, child-exploitation safeguarding links (where the child lives), and clear-hold-build sites
-- running in the window. Risk level: each of the first three indicators counts when the ward is
-- in the top quarter of the force's wards for it (percent rank >= 0.75, count > 0); two or more
-- -> high, one -> medium, none -> low.
WITH as_of AS (
  SELECT force_id, max(local_date) AS as_of FROM silver.crime GROUP BY force_id
),
wards AS (
  SELECT a.force_id, a.area_id AS ward_id, a.area_name AS ward_name, o.as_of
  FROM silver.area a
  JOIN as_of o ON o.force_id = a.force_id
  WHERE a.area_type = 'ward'
),
soc_crimes AS (
  SELECT c.force_id, c.ward_id, count(*) AS soc_crimes, count(DISTINCT c.incident_id) AS soc_incidents
  FROM silver.crime c
  JOIN as_of o ON o.force_id = c.force_id
  WHERE c.iccs_level2 IN ('0601', '0901')
    AND c.local_date BETWEEN date_sub(o.as_of, 364) AND o.as_of
  GROUP BY c.force_id, c.ward_id
),
intelligence AS (
  SELECT i.force_id, i.ward_id, count(*) AS soc_intelligence
  FROM silver.intelligence i
  JOIN as_of o ON o.force_id = i.force_id
  WHERE i.soc_flag AND i.local_date BETWEEN date_sub(o.as_of, 364) AND o.as_of
  GROUP BY i.force_id, i.ward_id
),
links AS (
  SELECT l.force_id, l.ward_id, count(*) AS exploitation_links
  FROM silver.safeguarding_link l
  JOIN as_of o ON o.force_id = l.force_id
  WHERE l.local_date BETWEEN date_sub(o.as_of, 364) AND o.as_of
  GROUP BY l.force_id, l.ward_id
),
sites AS (
  SELECT s.force_id, s.ward_id, count(*) AS clear_hold_build_sites
  FROM silver.intervention s
  JOIN as_of o ON o.force_id = s.force_id
  WHERE s.kind_class = 'clear_hold_build'
    AND s.starts_on <= o.as_of
    AND (s.ends_on IS NULL OR s.ends_on >= date_sub(o.as_of, 364))
  GROUP BY s.force_id, s.ward_id
),
counts AS (
  SELECT
    w.force_id,
    w.ward_id,
    w.ward_name,
    date_sub(w.as_of, 364) AS window_start,
    w.as_of AS window_end,
    coalesce(c.soc_crimes, 0) AS soc_crimes,
    coalesce(c.soc_incidents, 0) AS soc_incidents,
    coalesce(i.soc_intelligence, 0) AS soc_intelligence,
    coalesce(l.exploitation_links, 0) AS exploitation_links,
    coalesce(s.clear_hold_build_sites, 0) AS clear_hold_build_sites
  FROM wards w
  LEFT JOIN soc_crimes c ON c.force_id = w.force_id AND c.ward_id = w.ward_id
  LEFT JOIN intelligence i ON i.force_id = w.force_id AND i.ward_id = w.ward_id
  LEFT JOIN links l ON l.force_id = w.force_id AND l.ward_id = w.ward_id
  LEFT JOIN sites s ON s.force_id = w.force_id AND s.ward_id = w.ward_id
),
ranked AS (
  SELECT
    *,
    CASE WHEN soc_crimes > 0
      AND percent_rank() OVER (PARTITION BY force_id ORDER BY soc_crimes) >= 0.75 THEN 1 ELSE 0 END
    + CASE WHEN soc_intelligence > 0
      AND percent_rank() OVER (PARTITION BY force_id ORDER BY soc_intelligence) >= 0.75 THEN 1 ELSE 0 END
    + CASE WHEN exploitation_links > 0
      AND percent_rank() OVER (PARTITION BY force_id ORDER BY exploitation_links) >= 0.75 THEN 1 ELSE 0 END
      AS indicators_in_top_quarter
  FROM counts
)
SELECT
  *,
  CASE
    WHEN indicators_in_top_quarter >= 2 THEN 'high'
    WHEN indicators_in_top_quarter = 1 THEN 'medium'
    ELSE 'low'
  END AS risk_level
FROM ranked
