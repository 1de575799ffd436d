package org.bluelamp.gold;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.BluelampException;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pii;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Pseudonyms;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;

/**
 * Finds the gold models under {@code sql/gold/}, orders them by the {@code gold.*} tables they
 * read, builds each as a Delta table and runs its YAML tests; a failing test fails the run.
 */
public final class GoldModels {
  static final Pattern TABLE_REFERENCE = Pattern.compile("\\b(?:silver|gold|ops)\\.[a-z0-9_]+\\b");

  private final Lake lake;
  private final Pipelines pipelines;
  private final Pseudonyms pseudonyms;
  private final Map<String, GoldModel> models = new LinkedHashMap<>();
  private final Progress progress;

  /** Builds and tests {@code models} (all of them: unit tests run through the models read). */
  public GoldModels(
      Lake lake,
      Pipelines pipelines,
      Pseudonyms pseudonyms,
      List<GoldModel> models,
      Progress progress) {
    this.lake = requireNonNull(lake, "lake");
    this.pipelines = requireNonNull(pipelines, "pipelines");
    this.pseudonyms = requireNonNull(pseudonyms, "pseudonyms");
    models.forEach(m -> this.models.put(m.name(), m));
    this.progress = requireNonNull(progress, "progress");
  }

  public static List<GoldModel> discover(Path sqlRoot) {
    Path gold = sqlRoot.resolve("gold");
    Map<String, GoldModel> models = new TreeMap<>();
    try (Stream<Path> files = Files.walk(gold)) {
      for (Path file : files.filter(GoldModels::definesModel).sorted().toList()) {
        GoldModel model = load(gold, file);
        models.put(model.name(), model);
      }
    } catch (IOException e) {
      throw Errors.io("read the gold models under " + gold, e);
    }
    return order(models);
  }

  /** A model's SQL file, or the YAML of a built model (one with no SQL beside it). */
  private static boolean definesModel(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".sql")
        || (name.endsWith(".yml")
            && !Files.exists(file.resolveSibling(name.replaceFirst("\\.yml$", ".sql"))));
  }

  /**
   * The named models in build order (all of them when {@code names} is empty); a name may be the
   * model's ({@code person_link}) or its table's ({@code gold.person_link}).
   */
  public static List<GoldModel> select(List<GoldModel> models, List<String> names) {
    List<String> known = models.stream().map(GoldModel::name).toList();
    List<String> wanted = names.stream().map(n -> n.replaceFirst("^gold\\.", "")).toList();
    for (int i = 0; i < names.size(); i++) {
      if (!known.contains(wanted.get(i))) {
        throw Errors.usage(
            "No gold model named '" + names.get(i) + "'",
            "use one of "
                + known
                + " (the model of sql/gold/<domain>/<model>.sql is <domain>_<model>, its table"
                + " gold.<domain>_<model>)");
      }
    }
    return models.stream().filter(m -> wanted.isEmpty() || wanted.contains(m.name())).toList();
  }

  private static GoldModel load(Path gold, Path file) throws IOException {
    Path relative = gold.relativize(file);
    if (relative.getNameCount() != 2) {
      throw Errors.usage(
          "Gold model " + file + " is not at sql/gold/<domain>/<model>.sql",
          "move it into a domain folder");
    }
    String domain = relative.getName(0).toString();
    String model = relative.getName(1).toString().replaceFirst("\\.(sql|yml)$", "");
    String name = domain + "_" + model;
    boolean built = file.toString().endsWith(".yml");
    String sql = built ? "" : Files.readString(file).strip().replaceFirst(";\\s*$", "");
    Path yamlFile = file.resolveSibling(model + ".yml");
    if (!Files.isRegularFile(yamlFile)) {
      throw Errors.usage(
          "Gold model " + name + " has no " + yamlFile,
          "add it with description, owner, grain and columns (see sql/README.md)");
    }
    YamlNode yaml =
        YamlNode.read(yamlFile)
            .allowOnly(
                Set.of(
                    "description",
                    "owner",
                    "grain",
                    "tags",
                    "columns",
                    "tests",
                    "unit_tests",
                    "built_by",
                    "reads",
                    "row_group_kb",
                    "disclosure"));
    String builder = built ? builder(yaml) : "";
    if (!built && (yaml.has("built_by") || yaml.has("reads"))) {
      throw yaml.error(
          yaml.has("built_by") ? "built_by" : "reads",
          "a model with SQL (" + file.getFileName() + ") is built by its query",
          "remove the key, or the SQL file for a model a Java builder makes");
    }
    if (built && yaml.has("unit_tests")) {
      throw yaml.error(
          "unit_tests",
          "a built model has no SQL to run on given rows; its builder is tested in Java",
          "remove unit_tests (keep table tests and reconciliations)");
    }
    List<GoldModel.Column> columns =
        yaml.list(
            "columns",
            c -> {
              c.allowOnly(Set.of("name", "description", "tests", "accepted_values", "pii"));
              return new GoldModel.Column(
                  c.string("name"),
                  c.string("description"),
                  c.strings("tests").contains("not_null"),
                  c.strings("accepted_values"),
                  c.bool("pii", false));
            });
    List<GoldModel.Reconciliation> tests =
        yaml.list(
            "tests",
            t -> {
              t.allowOnly(Set.of("name", "actual", "expected"));
              return new GoldModel.Reconciliation(
                  t.string("name"), t.string("actual"), t.string("expected"));
            });
    List<GoldModel.UnitTest> unitTests =
        yaml.list(
            "unit_tests",
            u -> {
              u.allowOnly(Set.of("name", "given", "expect"));
              Map<String, List<Map<String, String>>> given = new LinkedHashMap<>();
              YamlNode tables = u.child("given");
              for (String table : tables.keys()) {
                given.put(table, tables.list(table, YamlNode::scalars));
              }
              return new GoldModel.UnitTest(
                  u.string("name"), given, u.list("expect", YamlNode::scalars));
            });
    Set<String> reads = new LinkedHashSet<>();
    if (built) {
      for (String table : yaml.strings("reads")) {
        if (!TABLE_REFERENCE.matcher(table).matches()) {
          throw yaml.error("reads", "'" + table + "' is not a lake table", "use e.g. silver.crime");
        }
        reads.add(table);
      }
    } else {
      Matcher matcher = TABLE_REFERENCE.matcher(sql);
      while (matcher.find()) {
        reads.add(matcher.group());
      }
    }
    return new GoldModel(
        name,
        file,
        sql,
        builder,
        yaml.string("description"),
        yaml.string("owner"),
        yaml.strings("grain"),
        columns,
        tests,
        unitTests,
        reads,
        yaml.strings("tags"),
        rowGroupKb(yaml),
        yaml.optionalChild("disclosure")
            .map(
                d ->
                    Disclosure.read(
                        d,
                        columns.stream()
                            .map(GoldModel.Column::name)
                            .collect(java.util.stream.Collectors.toSet()))));
  }

  private static int rowGroupKb(YamlNode yaml) {
    if (!yaml.has("row_group_kb")) {
      return 0;
    }
    double kb = yaml.number("row_group_kb");
    if (kb < 64 || kb != Math.rint(kb)) {
      throw yaml.error(
          "row_group_kb",
          "Parquet row groups of " + kb + " KiB: a whole number of at least 64 is expected",
          "write e.g. row_group_kb: 256, or leave the key out for Parquet's default");
    }
    return (int) kb;
  }

  private static String builder(YamlNode yaml) {
    if (!yaml.has("built_by")) {
      throw yaml.error(
          "built_by",
          "a gold model YAML without a SQL file beside it must name its Java builder",
          "add the SQL file, or built_by: one of " + GoldBuilders.names());
    }
    String builder = yaml.string("built_by");
    if (!GoldBuilders.names().contains(builder)) {
      throw yaml.error(
          "built_by",
          "no Java builder is named '" + builder + "'",
          "use one of " + GoldBuilders.names());
    }
    if (yaml.strings("reads").isEmpty()) {
      throw yaml.error(
          "reads",
          "a built model must list the tables its builder reads (for build order and schedules)",
          "add e.g. reads: [silver.crime, silver.area]");
    }
    return builder;
  }

  private static List<GoldModel> order(Map<String, GoldModel> models) {
    Map<String, GoldModel> ordered = new LinkedHashMap<>();
    for (GoldModel model : models.values()) {
      visit(model, models, ordered, new LinkedHashSet<>());
    }
    return List.copyOf(ordered.values());
  }

  private static void visit(
      GoldModel model,
      Map<String, GoldModel> models,
      Map<String, GoldModel> ordered,
      Set<String> path) {
    if (ordered.containsKey(model.name())) {
      return;
    }
    if (!path.add(model.name())) {
      throw Errors.usage(
          "Gold models depend on each other in a cycle: " + path, "break the cycle in the SQL");
    }
    for (String dependency : model.buildAfter()) {
      GoldModel upstream = models.get(dependency);
      if (upstream != null) {
        visit(upstream, models, ordered, path);
      }
    }
    ordered.put(model.name(), model);
  }

  public List<JobResult> build(List<GoldModel> models) {
    List<JobResult> results = new ArrayList<>();
    for (GoldModel model : models) {
      results.add(build(model));
    }
    return results;
  }

  /**
   * Runs the model's unit tests, builds it, then tests the table: unique on the grain, not-null and
   * accepted-value columns, reconciliations. The first failure throws, naming model, file and test.
   */
  public JobResult build(GoldModel model) {
    runUnitTests(model);
    TableName table = TableName.gold(model.name());
    try {
      if (model.isBuilt()) {
        try (BuildCache cache = new BuildCache()) {
          write(model, GoldBuilders.named(model.builder()).build(lake, pipelines, cache, progress));
        }
      } else {
        write(model, lake.spark().sql(model.sql()));
      }
    } catch (BluelampException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.modelFailed(model.name(), model.file(), e.getMessage(), e);
    }
    long rows = test(model, lake.read(table));
    progress.log("gold", table + ": " + Progress.count(rows) + " rows, tests passed");
    return JobResult.written("gold", table.toString(), rows);
  }

  /**
   * Runs the model's SQL on each unit test's given rows (silver tables replaced by temporary views
   * typed as the data dictionary types them) and compares with the expected rows.
   */
  public void runUnitTests(GoldModel model) {
    for (GoldModel.UnitTest unit : model.unitTests()) {
      Set<String> read = new LinkedHashSet<>();
      silverRead(model, unit, model, read);
      for (String table : unit.given().keySet()) {
        if (!table.startsWith("silver.") || !read.contains(table.substring("silver.".length()))) {
          throw failed(
              model,
              unit,
              "it gives " + table + ", which the SQL does not read; it reads silver." + read);
        }
      }
      for (String table : read) {
        given(model, unit, table).createOrReplaceTempView(view(model, "silver", table));
      }
      String sql = inUnitTest(model, unit, model);
      Dataset<Row> result;
      try {
        result = lake.spark().sql(sql);
      } catch (RuntimeException e) {
        throw failed(model, unit, e.getMessage());
      }
      compare(model, unit, result);
    }
  }

  /** The result must hold exactly the expected rows, compared as text on the columns they name. */
  private static void compare(GoldModel model, GoldModel.UnitTest unit, Dataset<Row> result) {
    List<String> columns =
        unit.expect().stream().flatMap(r -> r.keySet().stream()).distinct().toList();
    List<Map<String, String>> missing = new ArrayList<>();
    for (Map<String, String> row : unit.expect()) {
      Map<String, String> values = new LinkedHashMap<>();
      columns.forEach(c -> values.put(c, row.get(c)));
      missing.add(values);
    }
    List<Map<String, String>> unexpected = new ArrayList<>();
    for (Row row :
        result
            .select(columns.stream().map(c -> col(c).cast("string")).toArray(Column[]::new))
            .collectAsList()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        values.put(columns.get(i), row.getString(i));
      }
      if (!missing.remove(values)) {
        unexpected.add(values);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw failed(
          model,
          unit,
          "expected rows not produced: "
              + missing
              + "; rows produced but not expected: "
              + unexpected);
    }
  }

  /** The silver tables {@code model} reads, itself or through the gold models it reads. */
  private void silverRead(
      GoldModel model, GoldModel.UnitTest unit, GoldModel tested, Set<String> read) {
    read.addAll(model.silverReads());
    for (String upstream : model.dependsOn()) {
      silverRead(upstream(upstream, unit, tested), unit, tested, read);
    }
  }

  private GoldModel upstream(String name, GoldModel.UnitTest unit, GoldModel tested) {
    GoldModel upstream = models.get(name);
    if (upstream == null) {
      throw failed(
          tested, unit, "it reads gold." + name + ", which no model under sql/gold/ builds");
    }
    return upstream;
  }

  /**
   * {@code model}'s SQL reading the unit test's given rows: silver tables become the given views,
   * gold tables the views of their models' SQL run on the same rows.
   */
  private String inUnitTest(GoldModel model, GoldModel.UnitTest unit, GoldModel tested) {
    String sql = model.sql();
    for (String table : model.silverReads()) {
      sql = sql.replaceAll("\\bsilver\\." + table + "\\b", view(tested, "silver", table));
    }
    for (String name : model.dependsOn()) {
      String view = view(tested, "gold", name);
      lake.spark()
          .sql(inUnitTest(upstream(name, unit, tested), unit, tested))
          .createOrReplaceTempView(view);
      sql = sql.replaceAll("\\bgold\\." + name + "\\b", view);
    }
    return sql;
  }

  private static String view(GoldModel tested, String schema, String table) {
    return "unit_" + tested.name() + "__" + schema + "_" + table;
  }

  private Dataset<Row> given(GoldModel model, GoldModel.UnitTest unit, String table) {
    EntitySpec entity = pipelines.entities().get(table);
    if (entity == null) {
      throw failed(model, unit, "silver." + table + " is not an entity of pipelines/entities/");
    }
    Map<String, EntitySpec.SilverColumn> columns = entity.silverColumns();
    List<Map<String, String>> rows = unit.given().getOrDefault("silver." + table, List.of());
    for (Map<String, String> row : rows) {
      for (String column : row.keySet()) {
        if (!columns.containsKey(column)) {
          throw failed(
              model,
              unit,
              "silver." + table + " has no column '" + column + "'; see docs/data-dictionary.md");
        }
      }
    }
    StructType text = new StructType();
    for (String column : columns.keySet()) {
      text = text.add(column, DataTypes.StringType);
    }
    List<Row> values = new ArrayList<>();
    for (Map<String, String> row : rows) {
      values.add(RowFactory.create(columns.keySet().stream().map(row::get).toArray()));
    }
    return lake.spark()
        .createDataFrame(values, text)
        .select(
            columns.entrySet().stream()
                .map(e -> col(e.getKey()).cast(e.getValue().type()).as(e.getKey()))
                .toArray(Column[]::new));
  }

  private static BluelampException failed(GoldModel model, GoldModel.UnitTest unit, String detail) {
    return Errors.modelFailed(
        model.name(), model.file(), "unit test '" + unit.name() + "' failed: " + detail, null);
  }

  /**
   * Writes the model's table and its column lineage ({@code ops.column_lineage}). Its PII columns
   * are those it declares and every column whose values derive from a PII column of a table it
   * reads ({@link ColumnLineage}), so a model cannot forget one; each PII text column is stored
   * with its pseudonym.
   */
  private void write(GoldModel model, Dataset<Row> built) {
    TableName table = TableName.gold(model.name());
    Map<String, Set<String>> lineage =
        ColumnLineage.of(
            built, location -> lake.tableAt(location).map(Object::toString).orElse(null));
    Set<String> piiSources = piiSources(lineage, model);
    Set<String> pii = new TreeSet<>();
    model.columns().stream().filter(GoldModel.Column::pii).forEach(c -> pii.add(c.name()));
    lineage.forEach(
        (column, sources) -> {
          if (sources.stream().anyMatch(piiSources::contains)) {
            pii.add(column);
          }
        });
    Map<String, String> pseudonymised = Pii.pseudonyms(pii);
    Dataset<Row> stored = pseudonyms.add(built, pseudonymised);
    lake.overwrite(table, stored, model.rowGroupKb());
    ColumnLineage.record(lake, table, lineage, pii, pseudonymised);
  }

  /**
   * The PII columns ({@code schema.table.column}) among the sources of {@code lineage}: a silver
   * entity's, a bronze source's, a gold model's as its own lineage recorded them; what the plan
   * cannot trace ({@link Tables#UNTRACED}) counts as PII when any table the model declares it reads
   * has PII.
   */
  private Set<String> piiSources(Map<String, Set<String>> lineage, GoldModel model) {
    Set<String> tables = new TreeSet<>(model.reads());
    lineage.values().forEach(v -> v.forEach(s -> tables.add(Tables.tableOf(s))));
    // One read of ops.column_lineage, and only for a model that reads gold tables.
    Map<String, Set<String>> recorded =
        tables.stream().anyMatch(t -> t.startsWith("gold."))
            ? ColumnLineage.recordedPii(lake)
            : Map.of();
    Set<String> pii = new TreeSet<>();
    for (String name : tables) {
      if (name.equals(Tables.UNTRACED) || !name.contains(".")) {
        continue;
      }
      TableName table = TableName.of(name);
      Set<String> columns =
          switch (table.schema()) {
            case "silver" ->
                pipelines.entities().containsKey(table.table())
                    ? Set.copyOf(pipelines.entities().get(table.table()).piiColumns())
                    : table.equals(Tables.DQ_ISSUE) ? Set.of(Tables.DQ_PII_VALUE) : Set.of();
            case "bronze" ->
                pipelines.sources().stream()
                    .filter(s -> TableName.bronze(s.id()).equals(table))
                    .findFirst()
                    .map(s -> Set.copyOf(s.pii()))
                    .orElse(Set.of());
            case "gold" -> recorded.getOrDefault(name, Set.of());
            default -> Set.of();
          };
      columns.forEach(c -> pii.add(name + "." + c.toLowerCase()));
      if (!columns.isEmpty() && model.reads().contains(name)) {
        pii.add(Tables.UNTRACED);
      }
    }
    return pii;
  }

  /** Tests the built table; returns its row count. */
  private long test(GoldModel model, Dataset<Row> built) {
    // The row count and every column test's failing rows come from one pass over the table.
    List<String> names = new ArrayList<>();
    List<Column> failing = new ArrayList<>();
    for (GoldModel.Column column : model.columns()) {
      if (column.notNull()) {
        names.add("not_null(" + column.name() + ")");
        failing.add(count_if(col(column.name()).isNull()));
      }
      if (!column.acceptedValues().isEmpty()) {
        names.add("accepted_values(" + column.name() + ")");
        failing.add(count_if(outside(column)));
      }
    }
    Row counts = built.agg(count(lit(1)), failing.toArray(Column[]::new)).first();
    long rows = counts.getLong(0);
    if (!model.grain().isEmpty()) {
      long distinct =
          built
              .select(model.grain().stream().map(c -> col(c)).toArray(Column[]::new))
              .distinct()
              .count();
      if (distinct != rows) {
        throw testFailed(
            model,
            "unique(" + String.join(", ", model.grain()) + ")",
            (rows - distinct) + " duplicate row(s) on the grain");
      }
    }
    for (int i = 0; i < names.size(); i++) {
      long failed = counts.getLong(i + 1);
      if (failed > 0) {
        throw testFailed(model, names.get(i), failure(model, built, names.get(i), failed));
      }
    }
    // The tests name tables of the session catalog: point those of this lake at it (another lake
    // of the same session, a test's, may have registered the names last).
    model.buildAfter().stream()
        .map(name -> TableName.gold(name))
        .filter(lake::exists)
        .forEach(lake::register);
    for (GoldModel.Reconciliation reconciliation : model.tests()) {
      List<String> actual = rows(model, reconciliation.actual());
      List<String> expected = rows(model, reconciliation.expected());
      if (!actual.equals(expected)) {
        throw testFailed(
            model,
            "'" + reconciliation.name() + "'",
            "the model side gave "
                + abbreviate(actual)
                + ", the expected side "
                + abbreviate(expected));
      }
    }
    return rows;
  }

  /** Non-NULL values outside the column's accepted values. */
  private static Column outside(GoldModel.Column column) {
    return col(column.name())
        .isNotNull()
        .and(
            col(column.name())
                .cast("string")
                .isin(column.acceptedValues().toArray())
                .unary_$bang());
  }

  private static String failure(GoldModel model, Dataset<Row> built, String test, long rows) {
    if (test.startsWith("not_null")) {
      return rows + " row(s) are NULL";
    }
    GoldModel.Column column =
        model.columns().stream()
            .filter(c -> test.equals("accepted_values(" + c.name() + ")"))
            .findFirst()
            .orElseThrow();
    List<String> found =
        built
            .filter(outside(column))
            .select(col(column.name()).cast("string"))
            .distinct()
            .limit(5)
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    return rows + " row(s) outside " + column.acceptedValues() + ", e.g. " + found;
  }

  private List<String> rows(GoldModel model, String sql) {
    try {
      return lake.spark().sql(sql).collectAsList().stream().map(Row::toString).sorted().toList();
    } catch (RuntimeException e) {
      throw Errors.modelFailed(model.name(), model.file(), "test query failed: " + sql, e);
    }
  }

  private static String abbreviate(List<String> rows) {
    return rows.size() <= 10
        ? rows.toString()
        : rows.subList(0, 10) + " ... (" + rows.size() + " rows)";
  }

  private static BluelampException testFailed(GoldModel model, String test, String detail) {
    return Errors.modelFailed(
        model.name(), model.file(), "test " + test + " failed: " + detail, null);
  }
}
