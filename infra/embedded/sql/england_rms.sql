-- The English sample force's records management system (PostgreSQL): the tables its source
-- contracts read over JDBC (pipelines/sources/england/{rms,outcomes,nominals,arrests}.yaml).
-- `bluelamp generate` runs this script (dropping and re-creating the tables), then loads them.
CREATE SCHEMA IF NOT EXISTS rms;

DROP TABLE IF EXISTS rms.crimes;
CREATE TABLE rms.crimes (
  id bigint PRIMARY KEY,
  crime_ref varchar(40) NOT NULL,
  incident_ref varchar(40),
  ho_code varchar(10),
  ho_description varchar(120),
  committed_from timestamp,
  committed_to timestamp,
  reported timestamp,
  easting double precision,
  northing double precision,
  victims integer,
  offenders integer,
  station varchar(60),
  last_modified timestamp NOT NULL
);
CREATE INDEX crimes_last_modified ON rms.crimes (last_modified);

DROP TABLE IF EXISTS rms.outcomes;
CREATE TABLE rms.outcomes (
  id bigint PRIMARY KEY,
  outcome_ref varchar(40) NOT NULL,
  crime_ref varchar(40),
  outcome_type varchar(60),
  outcome_date timestamp,
  recorded timestamp NOT NULL
);
CREATE INDEX outcomes_recorded ON rms.outcomes (recorded);

DROP TABLE IF EXISTS rms.nominals;
CREATE TABLE rms.nominals (
  id bigint PRIMARY KEY,
  nominal_ref varchar(40) NOT NULL,
  crime_ref varchar(40),
  involvement varchar(20),
  forename varchar(60),
  surname varchar(60),
  date_of_birth date,
  id_document_no varchar(30),
  address varchar(200),
  phone varchar(30),
  recorded timestamp NOT NULL
);
CREATE INDEX nominals_recorded ON rms.nominals (recorded);

DROP TABLE IF EXISTS rms.arrests;
CREATE TABLE rms.arrests (
  id bigint PRIMARY KEY,
  arrest_ref varchar(40) NOT NULL,
  crime_ref varchar(40),
  nominal_ref varchar(40),
  arresting_officer varchar(20),
  arrested timestamp NOT NULL,
  power varchar(40),
  easting double precision,
  northing double precision
);
CREATE INDEX arrests_arrested ON rms.arrests (arrested);
