-- Coding errors counted per force, service, week and category: the table a force publishes to
-- its services to improve what they send.
SELECT
  force_id,
  service,
  week_start,
  category,
  count(*) AS errors,
  count(DISTINCT source, file, offset) AS records,
  sum(CASE WHEN status = 'quarantined' THEN 1 ELSE 0 END) AS quarantined_errors,
  -- The row shows that such errors exist: the highest clearance of the records they are on.
  max(clearance_required) AS clearance_required
FROM gold.dq_coding_errors
GROUP BY force_id, service, week_start, category
