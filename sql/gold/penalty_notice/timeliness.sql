-- Days from the offence to the penalty notice, per force, issuing service and month of issue:
-- the mean, median and 90th percentile, and the notices issued later than the force's deadline
-- would allow are visible in the p90 and the maximum.
SELECT
  force_id,
  issuing_service,
  CAST(date_trunc('MONTH', issued_date) AS DATE) AS month,
  count(*) AS notices,
  count(offence_date) AS dated,
  round(avg(datediff(issued_date, offence_date)), 2) AS mean_days,
  percentile(datediff(issued_date, offence_date), 0.5) AS p50_days,
  percentile(datediff(issued_date, offence_date), 0.9) AS p90_days,
  max(datediff(issued_date, offence_date)) AS max_days,
  count_if(issued_date < offence_date) AS issued_before_offence
FROM silver.penalty_notice
WHERE issued_date IS NOT NULL
GROUP BY force_id, issuing_service, CAST(date_trunc('MONTH', issued_date) AS DATE)
