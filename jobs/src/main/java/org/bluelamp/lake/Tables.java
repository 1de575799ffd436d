package org.bluelamp.lake;

/**
 * The lake's tables that code reads or writes by name, in one place: a job that needs another job's
 * table finds it here rather than on that job's class. Tables named by declarations (a source's
 * bronze table, an entity's silver table, a gold model's table) come from {@link TableName}'s
 * factories.
 */
public final class Tables {
  private Tables() {}

  /** Every rejected record of every source, with its rule and reason. */
  public static final TableName QUARANTINE = new TableName("bronze", "quarantine");

  /** Every failed check of a record, by category. */
  public static final TableName DQ_ISSUE = TableName.silver("dq_issue");

  /**
   * The column of {@link #DQ_ISSUE} holding the failed value of a PII column (a malformed date of
   * birth): personal data, masked as such; {@code value} holds the others.
   */
  public static final String DQ_PII_VALUE = "pii_value";

  public static final TableName AREA = TableName.silver("area");
  public static final TableName STREET = TableName.silver("street");
  public static final TableName LOCATION = TableName.silver("location");
  public static final TableName CRIME = TableName.silver("crime");
  public static final TableName OUTCOME = TableName.silver("outcome");
  public static final TableName ARREST = TableName.silver("arrest");
  public static final TableName COLLISION = TableName.silver("collision");
  public static final TableName MISSING_PERSON = TableName.silver("missing_person");

  /** Every person mention of silver with its person. */
  public static final TableName PERSON_LINK = TableName.gold("person_link");

  /** Every registration of silver with its vehicle. */
  public static final TableName VEHICLE_LINK = TableName.gold("vehicle_link");

  /** Every recorded address with its place. */
  public static final TableName PLACE_LINK = TableName.gold("place_link");

  public static final TableName JOB_RUNS = TableName.ops("job_runs");
  public static final TableName INGESTED_FILES = TableName.ops("ingested_files");
  public static final TableName SCHEMA_CHANGES = TableName.ops("schema_changes");
  public static final TableName WATERMARKS = TableName.ops("watermarks");
  public static final TableName SOURCE_COVERAGE = TableName.ops("source_coverage");
  public static final TableName SILVER_COVERAGE = TableName.ops("silver_coverage");
  public static final TableName RULE_CATALOG = TableName.ops("rule_catalog");
  public static final TableName MAINTENANCE = TableName.ops("maintenance");
  public static final TableName QUERY_AUDIT = TableName.ops("query_audit");

  /** What each column of each gold table derives from, and whether it is PII (serve reads it). */
  /** What {@link #COLUMN_LINEAGE} records as the source of a value a plan could not trace. */
  public static final String UNTRACED = "?";

  /** The table ({@code schema.table}) of a lineage source {@code schema.table.column}. */
  public static String tableOf(String source) {
    int dot = source.lastIndexOf('.');
    return dot < 0 ? source : source.substring(0, dot);
  }

  public static final TableName COLUMN_LINEAGE = TableName.ops("column_lineage");

  public static final TableName USER_SCOPE = TableName.ops("user_scope");
}
