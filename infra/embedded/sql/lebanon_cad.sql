-- The Lebanese sample force's operations-room CAD (MariaDB): the table its source contract reads
-- over JDBC (pipelines/sources/lebanon/cad.yaml). Times are local (Asia/Beirut) DATETIMEs.
-- `bluelamp generate` runs this script (dropping and re-creating the table), then loads it.
DROP TABLE IF EXISTS incidents;
CREATE TABLE incidents (
  id BIGINT PRIMARY KEY,
  incident_no VARCHAR(40) NOT NULL,
  call_time DATETIME,
  priority VARCHAR(8),
  source_line VARCHAR(20),
  dispatch_time DATETIME,
  arrival_time DATETIME,
  close_time DATETIME,
  utm_e DOUBLE,
  utm_n DOUBLE,
  updated_at DATETIME NOT NULL,
  INDEX incidents_updated_at (updated_at)
) CHARACTER SET utf8mb4;
