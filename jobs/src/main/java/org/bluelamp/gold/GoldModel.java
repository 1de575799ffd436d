package org.bluelamp.gold;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gold model: {@code sql/gold/<domain>/<model>.sql} (one Spark SQL query) with its sibling YAML
 * of docs and tests, built as {@code gold.<domain>_<model>}; or, for what needs an algorithm rather
 * than a query (hot-spot statistics), a YAML alone naming the Java builder that makes the table and
 * the tables it reads.
 *
 * @param file the SQL file, or the YAML of a built model
 * @param sql the query; empty for a built model
 * @param builder the name of the Java builder ({@link GoldBuilders}); empty for a SQL model
 * @param columns documented columns in table order
 * @param tests reconciliations: two queries that must give the same rows after every build
 * @param unitTests small hand-built inputs and the rows the SQL must give for them
 * @param reads the lake tables the SQL names ({@code silver.crime}, {@code gold.x}, ...)
 * @param tags who may read it (sql/access/roles.yml)
 * @param rowGroupKb Parquet row groups of about this many KiB (a lookup table: small groups let a
 *     query's file statistics skip most of a sorted file); 0 for Parquet's default (128 MiB)
 * @param disclosure how a published table protects its small counts ({@link Disclosure})
 */
public record GoldModel(
    String name,
    Path file,
    String sql,
    String builder,
    String description,
    String owner,
    List<String> grain,
    List<Column> columns,
    List<Reconciliation> tests,
    List<UnitTest> unitTests,
    Set<String> reads,
    List<String> tags,
    int rowGroupKb,
    Optional<Disclosure> disclosure) {
  public GoldModel {
    requireNonNull(name, "name");
    requireNonNull(file, "file");
    requireNonNull(sql, "sql");
    requireNonNull(builder, "builder");
    if (sql.isEmpty() == builder.isEmpty()) {
      throw new IllegalArgumentException(name + ": a gold model has either SQL or a builder");
    }
    requireNonNull(description, "description");
    requireNonNull(owner, "owner");
    grain = List.copyOf(grain);
    columns = List.copyOf(columns);
    tests = List.copyOf(tests);
    unitTests = List.copyOf(unitTests);
    reads = Set.copyOf(reads);
    tags = List.copyOf(tags);
    requireNonNull(disclosure, "disclosure");
    if (rowGroupKb < 0) {
      throw new IllegalArgumentException(name + ": row_group_kb must be positive");
    }
  }

  /** Whether a Java builder, not a query, makes the table. */
  public boolean isBuilt() {
    return !builder.isEmpty();
  }

  /** The gold models (by name) this one reads, so builds after. */
  public Set<String> dependsOn() {
    return tablesOf("gold");
  }

  /**
   * The gold models to build before this one: those it reads and those its reconciliations read
   * (Gi*'s test compares with the grid). Run concurrently, a test could otherwise read a table not
   * built yet, or the one of another lake registered under the same name.
   */
  public Set<String> buildAfter() {
    Set<String> after = new java.util.TreeSet<>(dependsOn());
    for (Reconciliation test : tests) {
      for (String sql : List.of(test.actual(), test.expected())) {
        java.util.regex.Matcher table = GoldModels.TABLE_REFERENCE.matcher(sql);
        while (table.find()) {
          if (table.group().startsWith("gold.")) {
            after.add(table.group().substring("gold.".length()));
          }
        }
      }
    }
    after.remove(name);
    return Set.copyOf(after);
  }

  /** The silver tables (by name) this one reads. */
  public Set<String> silverReads() {
    return tablesOf("silver");
  }

  private Set<String> tablesOf(String schema) {
    Set<String> tables = new java.util.TreeSet<>();
    reads.stream()
        .filter(t -> t.startsWith(schema + "."))
        .forEach(t -> tables.add(t.substring(schema.length() + 1)));
    return Set.copyOf(tables);
  }

  /**
   * A documented column; {@code acceptedValues} empty means any value; {@code pii} columns are
   * masked for the roles that may not see personal details (sql/access/roles.yml).
   */
  public record Column(
      String name, String description, boolean notNull, List<String> acceptedValues, boolean pii) {
    public Column {
      requireNonNull(name, "name");
      requireNonNull(description, "description");
      acceptedValues = List.copyOf(acceptedValues);
    }
  }

  /**
   * After a build, {@code actual} (usually over the model) must give the rows of {@code expected}.
   */
  public record Reconciliation(String name, String actual, String expected) {}

  /**
   * Rows given for silver tables (by table name; columns left out are NULL, tables left out empty)
   * and the rows the model must give, compared on the columns the expected rows name.
   */
  public record UnitTest(
      String name,
      Map<String, List<Map<String, String>>> given,
      List<Map<String, String>> expect) {}
}
