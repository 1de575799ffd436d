-- Every coding error in what the services sent: one row per failed check of a record, with the
-- record's key so the sending service can find and fix it.
SELECT
  force_id,
  service,
  week_start,
  category,
  source,
  rule,
  `column`,
  value,
  pii_value,
  reason,
  status,
  record_key,
  event_at,
  file,
  offset,
  clearance_required
FROM silver.dq_issue
