-- Who uses the lake through Trino, per day and role: people (not bluelamp's own account), their
-- queries, failures and denials, the distinct tables they read and the rows they got back.
WITH queries AS (
  SELECT a.day, coalesce(r.role, 'unknown') AS role, a.user_name, a.succeeded, a.denied,
         a.tables_read, a.rows_returned
  FROM ops.query_audit a
  LEFT JOIN (SELECT DISTINCT user_name, role FROM ops.user_scope) r ON r.user_name = a.user_name
  WHERE a.user_name <> 'bluelamp'
)
SELECT day,
       role,
       count(DISTINCT user_name) AS users,
       count(*) AS queries,
       count_if(NOT succeeded) AS failed_queries,
       count_if(denied) AS denied_queries,
       size(array_distinct(flatten(collect_list(coalesce(tables_read, array()))))) AS tables_read,
       coalesce(sum(rows_returned), 0) AS rows_returned
FROM queries
GROUP BY day, role
