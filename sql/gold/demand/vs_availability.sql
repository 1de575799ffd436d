-- Demand against availability per force, ward, local date and hour: incidents received, and the
-- officers available for deployment in that hour (officer-minutes in an available duty state / 60,
-- so an officer on a meal break for half the hour counts 0.5). Officers are placed in the ward their
-- home station is in. pressure_rank orders each force's hours of a local week by incidents per
-- available officer (hours with incidents and no officer first): 1 is the most stretched hour.
WITH demand AS (
  SELECT force_id, ward_id, ward_name, local_date, local_hour, count(*) AS incidents
  FROM silver.incident
  WHERE local_date IS NOT NULL AND local_hour IS NOT NULL
  GROUP BY force_id, ward_id, ward_name, local_date, local_hour
),
available AS (
  SELECT
    d.force_id,
    a.area_id AS ward_id,
    a.area_name AS ward_name,
    CAST(d.from_local AS TIMESTAMP) AS from_local,
    CAST(d.to_local AS TIMESTAMP) AS to_local
  FROM silver.duty d
  JOIN silver.officer o ON o.force_id = d.force_id AND o.officer_id = d.officer_id
  LEFT JOIN silver.area a
    ON a.force_id = o.force_id AND a.area_type = 'ward' AND a.area_name = o.station
  WHERE d.available AND d.to_local > d.from_local
),
supply AS (
  SELECT
    force_id,
    ward_id,
    max(ward_name) AS ward_name,
    to_date(hour_start) AS local_date,
    hour(hour_start) AS local_hour,
    sum(
      unix_timestamp(least(to_local, hour_start + INTERVAL 1 HOUR))
      - unix_timestamp(greatest(from_local, hour_start))) / 3600D AS officers_available
  FROM available
  LATERAL VIEW explode(
    sequence(date_trunc('HOUR', from_local), to_local - INTERVAL 1 SECOND, INTERVAL 1 HOUR)
  ) hours AS hour_start
  GROUP BY force_id, ward_id, to_date(hour_start), hour(hour_start)
),
hours AS (
  SELECT
    coalesce(d.force_id, s.force_id) AS force_id,
    coalesce(d.ward_id, s.ward_id) AS ward_id,
    coalesce(d.ward_name, s.ward_name) AS ward_name,
    coalesce(d.local_date, s.local_date) AS local_date,
    coalesce(d.local_hour, s.local_hour) AS local_hour,
    coalesce(d.incidents, 0) AS incidents,
    round(coalesce(s.officers_available, 0), 2) AS officers_available
  FROM demand d
  FULL OUTER JOIN supply s
    ON s.force_id = d.force_id
    AND s.ward_id <=> d.ward_id
    AND s.local_date = d.local_date
    AND s.local_hour = d.local_hour
)
SELECT
  *,
  CAST(date_trunc('WEEK', local_date) AS DATE) AS week_start,
  CASE WHEN officers_available > 0 THEN round(incidents / officers_available, 3) END
    AS incidents_per_officer,
  rank() OVER (
    PARTITION BY force_id, date_trunc('WEEK', local_date)
    ORDER BY CASE WHEN incidents > 0 AND officers_available = 0 THEN 0 ELSE 1 END,
      incidents / nullif(officers_available, 0) DESC NULLS LAST
  ) AS pressure_rank
FROM hours
