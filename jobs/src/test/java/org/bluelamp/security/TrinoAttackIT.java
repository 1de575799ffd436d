package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.bluelamp.Repository;
import org.bluelamp.ServedWorld;
import org.bluelamp.SharedSpark;
import org.bluelamp.contract.Clearance;
import org.bluelamp.gold.GoldModels;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack suite: every role against every table it reads, through every way of reading Trino
 * offers (SELECT, joins, predicates probing masked values, EXPLAIN and EXPLAIN ANALYZE, SHOW STATS,
 * the Delta metadata tables, table functions, time travel, the REST query endpoints, error messages
 * that echo values). A leak is a clear PII value or a secret reaching a role without PII, a row of
 * another force reaching a force-scoped role, or the id of an intelligence report above a user's
 * clearance reaching them (graded from the reports' own handling codes). The truth is read from the
 * lake through Spark, not through Trino. It prints the attempts and leaks per vector and fails on
 * any leak.
 */
class TrinoAttackIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A user of the served world: may they see PII, which forces (empty: all), their clearance. */
  private record Reader(String user, boolean piiVisible, Set<String> forces, int clearance) {}

  private static final List<Reader> READERS =
      List.of(
          new Reader(ServedWorld.ANALYST, false, Set.of("england"), 1),
          new Reader(ServedWorld.OFFICER, true, Set.of("england"), 1),
          new Reader(ServedWorld.SUPERVISOR, true, Set.of("england"), 1),
          new Reader(ServedWorld.MAYOR, false, Set.of("belgium"), 0),
          new Reader(ServedWorld.PUBLIC, false, Set.of(), 0),
          // Auditors read what users queried, whatever it names: no clearance applies.
          new Reader(ServedWorld.AUDITOR, true, Set.of(), Clearance.HIGHEST));

  private static ServedWorld served;
  private static final Map<String, int[]> TALLY = new TreeMap<>();
  private static final List<String> LEAKS = new ArrayList<>();

  /** Clear values of PII columns that no non-PII column also holds (a colour, a street). */
  private static Set<String> clearPii;

  /** Text PII values per table and column, for probing. */
  private static final Map<TableName, Map<String, List<String>>> PROBES = new LinkedHashMap<>();

  private static List<String> secrets;

  /**
   * The ids of every intelligence report (its reference and its row key) with the clearance it
   * needs, graded here from the data's own handling code as the force grades reports: P (permits
   * dissemination) needs 1, any other code or none 2.
   */
  private static final Map<String, Integer> GRADED = new java.util.HashMap<>();

  @BeforeAll
  static void serve() {
    served = ServedWorld.get();
    Map<TableName, AccessRules.Declared> declared =
        AccessRules.declarations(
            served.access.policy(), served.world.pipelines, GoldModels.discover(Repository.sql()));
    AccessRules.Declared none = new AccessRules.Declared(List.of(), Set.of());
    // What the gold builds derived from lineage, as serve reads it.
    Map<String, Set<String>> derived = new java.util.HashMap<>();
    served
        .world
        .lake
        .read(Tables.COLUMN_LINEAGE)
        .filter("pii")
        .collectAsList()
        .forEach(
            r ->
                derived
                    .computeIfAbsent(r.getAs("table_name"), t -> new HashSet<>())
                    .add(r.getAs("column_name")));
    Set<String> pii = new HashSet<>();
    Set<String> other = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (TableName table : served.world.lake.tables()) {
      names.add(table.table());
      if (!table.schema().equals("silver") && !table.schema().equals("gold")) {
        continue;
      }
      Set<String> piiColumns = new HashSet<>(declared.getOrDefault(table, none).pii());
      piiColumns.addAll(derived.getOrDefault(table.toString(), Set.of()));
      Dataset<Row> rows = served.world.lake.read(table);
      for (StructField field : rows.schema().fields()) {
        String column = field.name();
        boolean text = field.dataType().equals(DataTypes.StringType);
        boolean date = field.dataType().equals(DataTypes.DateType);
        names.add(column.toLowerCase());
        if (!text && !date) {
          continue;
        }
        List<String> values =
            rows.select(rows.col(column).cast("string")).distinct().collectAsList().stream()
                .filter(r -> !r.isNullAt(0))
                .map(r -> r.getString(0))
                .toList();
        if (piiColumns.contains(column)) {
          // A year is what the date masks show; it is not the date of birth.
          values.stream().filter(v -> !(date && v.endsWith("-01-01"))).forEach(pii::add);
          if (text) {
            PROBES
                .computeIfAbsent(table, t -> new LinkedHashMap<>())
                .put(column, values.stream().limit(10).toList());
          }
        } else if (!column.endsWith("_pseudonym")) {
          // A value some non-PII column holds too (a colour, a street, a start date) cannot
          // tell a leak from the data.
          other.addAll(values);
        }
      }
    }
    pii.removeAll(other);
    // Names of tables and columns are in every plan; a value spelt as one (a key type 'surname')
    // is not looked for there.
    pii.removeIf(v -> names.contains(v.toLowerCase()));
    pii.removeIf(v -> v.length() < 4);
    clearPii = pii;
    secrets =
        List.of(
            SharedSpark.PSEUDONYM_KEY,
            served.trino.auth().secret("service-password"),
            served.trino.auth().secret("shared-secret"),
            served.trino.auth().secret("keystore-password"));
    assertThat(clearPii).as("clear PII values to look for").hasSizeGreaterThan(1000);
    for (Row report :
        served
            .world
            .lake
            .read(TableName.silver("intelligence"))
            .selectExpr(
                "intel_id",
                "intelligence_key",
                "CASE WHEN coalesce(handling_code, '') = 'P' THEN 1 ELSE 2 END")
            .collectAsList()) {
      GRADED.put(report.getString(0), report.getInt(2));
      GRADED.put(report.getString(1), report.getInt(2));
    }
    assertThat(GRADED.values()).as("reports of each grade").contains(1, 2);
  }

  @AfterAll
  static void report() {
    System.out.println("Attack suite: vector, attempts, leaks");
    TALLY.forEach((vector, n) -> System.out.printf("  %-14s %6d %4d%n", vector, n[0], n[1]));
    System.out.printf(
        "  %-14s %6d %4d%n",
        "all",
        TALLY.values().stream().mapToInt(n -> n[0]).sum(),
        TALLY.values().stream().mapToInt(n -> n[1]).sum());
  }

  /** Counts an attempt of {@code vector}; a non-null {@code leak} is recorded as a leak. */
  private static void attempt(String vector, String leak) {
    int[] n = TALLY.computeIfAbsent(vector, v -> new int[2]);
    n[0]++;
    if (leak != null) {
      n[1]++;
      LEAKS.add(vector + ": " + leak);
    }
  }

  private static void assertNoLeaks(String vector) {
    assertThat(LEAKS.stream().filter(l -> l.startsWith(vector + ":")).limit(20).toList())
        .as(vector + " leaks")
        .isEmpty();
    assertThat(TALLY.get(vector)[0]).as(vector + " attempts").isPositive();
  }

  /** The tables {@code reader} may read, with their columns. */
  private static Map<String, List<String>> tables(Reader reader) throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    for (List<Object> row :
        served.rows(
            reader.user(),
            "SELECT table_schema || '.' || table_name, column_name"
                + " FROM lake.information_schema.columns"
                + " WHERE table_schema <> 'information_schema' ORDER BY ordinal_position")) {
      tables.computeIfAbsent((String) row.get(0), t -> new ArrayList<>()).add((String) row.get(1));
    }
    return tables;
  }

  /**
   * What is wrong with {@code rows} that {@code reader} read from {@code table}, or null: a clear
   * PII value or a secret in any cell for a role without PII, another force's row for a scoped
   * role.
   */
  private static String inspect(
      Reader reader, String table, List<String> columns, List<List<Object>> rows) {
    int force = columns.indexOf("force_id");
    for (List<Object> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        String text = row.get(c) == null ? null : row.get(c).toString();
        String leak = inspectText(reader, text);
        if (leak == null) {
          leak = inspectGraded(reader, text);
        }
        if (leak != null) {
          return table + (c < columns.size() ? "." + columns.get(c) : "") + " " + leak;
        }
      }
      if (force >= 0 && !reader.forces().isEmpty() && !reader.forces().contains(row.get(force))) {
        return table + " row of force " + row.get(force) + " read by " + reader.user();
      }
    }
    return null;
  }

  /** What is wrong with one piece of text {@code reader} got back, or null. */
  private static String inspectText(Reader reader, String text) {
    if (text == null) {
      return null;
    }
    for (String secret : secrets) {
      if (text.contains(secret)) {
        return "holds a secret";
      }
    }
    if (!reader.piiVisible() && clearPii.contains(text)) {
      return "holds the clear PII value '" + text + "' read by " + reader.user();
    }
    return null;
  }

  /**
   * The id of an intelligence report above {@code reader}'s clearance within {@code text} (a cell,
   * a mention id {@code intelligence:<id>}, a timeline, a record key), or null.
   */
  private static String inspectGraded(Reader reader, String text) {
    if (text == null) {
      return null;
    }
    for (String token : text.split("[\\s'\",()\\[\\]{}=:|;]+")) {
      Integer needs = GRADED.get(token);
      if (needs != null && needs > reader.clearance()) {
        return "holds intelligence report "
            + token
            + " (clearance "
            + needs
            + ") read by "
            + reader.user()
            + " (clearance "
            + reader.clearance()
            + ")";
      }
    }
    return null;
  }

  /** Every token of a text (plans, errors): a clear value hidden inside it. */
  private static String inspectTokens(Reader reader, String text) {
    String whole = inspectText(reader, text);
    if (whole != null) {
      return whole;
    }
    String graded = inspectGraded(reader, text);
    if (graded != null) {
      return graded;
    }
    for (String token : text.split("[\\s'\",()\\[\\]{}=:]+")) {
      String leak = inspectText(reader, token);
      if (leak != null) {
        return leak;
      }
    }
    return null;
  }

  /**
   * What is wrong with an error message: a secret in it, or a value it quotes ({@code Cannot cast
   * 'King Street' to BIGINT}) that is clear PII.
   */
  private static String inspectMessage(Reader reader, String message) {
    String whole = inspectText(reader, message);
    if (whole != null) {
      return whole;
    }
    java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'([^']*)'").matcher(message);
    while (quoted.find()) {
      String leak = inspectText(reader, quoted.group(1));
      if (leak != null) {
        return leak;
      }
    }
    return null;
  }

  private static String failure(Reader reader, String sql) {
    try {
      served.rows(reader.user(), sql);
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  @Test
  void selectingEveryTableLeaksNothing() throws SQLException {
    for (Reader reader : READERS) {
      for (Map.Entry<String, List<String>> table : tables(reader).entrySet()) {
        String name = "lake." + table.getKey();
        attempt(
            "select",
            inspect(
                reader,
                table.getKey(),
                table.getValue(),
                served.rows(reader.user(), "SELECT * FROM " + name)));
      }
    }
    assertNoLeaks("select");
  }

  @Test
  void predicatesAndJoinsOnMaskedColumnsFindNoClearValue() throws SQLException {
    for (Reader reader : READERS) {
      if (reader.piiVisible()) {
        continue;
      }
      Map<String, List<String>> visible = tables(reader);
      for (Map.Entry<TableName, Map<String, List<String>>> table : PROBES.entrySet()) {
        if (!visible.containsKey(table.getKey().toString())) {
          continue;
        }
        String name = "lake." + table.getKey();
        for (Map.Entry<String, List<String>> column : table.getValue().entrySet()) {
          for (String value : column.getValue()) {
            long found =
                ((Number)
                        served
                            .rows(
                                reader.user(),
                                "SELECT count(*) FROM "
                                    + name
                                    + " WHERE \""
                                    + column.getKey()
                                    + "\" = ?",
                                value)
                            .get(0)
                            .get(0))
                    .longValue();
            attempt(
                "predicate",
                found > 0 ? name + "." + column.getKey() + " = '" + value + "' matched" : null);
          }
          // A join on the masked column to the same table's clear values cannot be made either.
          List<List<Object>> joined =
              served.rows(
                  reader.user(),
                  "SELECT a.\""
                      + column.getKey()
                      + "\", b.surname FROM "
                      + name
                      + " a JOIN lake.silver.person_record b ON a.\""
                      + column.getKey()
                      + "\" = b.surname LIMIT 1000");
          attempt("join", inspect(reader, name, List.of(), joined));
        }
      }
    }
    assertNoLeaks("predicate");
    assertNoLeaks("join");
  }

  @Test
  void plansStatisticsAndErrorsShowNoSecretOrClearValue() throws SQLException {
    for (Reader reader : READERS) {
      // Casting text to a number fails and echoes the value: every text column is tried.
      Map<String, List<String>> textColumns = new TreeMap<>();
      for (List<Object> row :
          served.rows(
              reader.user(),
              "SELECT table_schema || '.' || table_name, column_name"
                  + " FROM lake.information_schema.columns"
                  + " WHERE table_schema <> 'information_schema' AND data_type = 'varchar'")) {
        textColumns
            .computeIfAbsent((String) row.get(0), t -> new ArrayList<>())
            .add((String) row.get(1));
      }
      for (Map.Entry<String, List<String>> table : tables(reader).entrySet()) {
        String name = "lake." + table.getKey();
        for (String explain : List.of("EXPLAIN ", "EXPLAIN ANALYZE ", "EXPLAIN (TYPE IO) ")) {
          StringBuilder plan = new StringBuilder();
          served.rows(reader.user(), explain + "SELECT * FROM " + name).stream()
              .forEach(row -> plan.append(row.get(0)).append('\n'));
          String leak = inspectTokens(reader, plan.toString());
          attempt("explain", leak == null ? null : explain + name + ": " + leak);
        }
        String stats = failure(reader, "SHOW STATS FOR " + name);
        if (stats == null) {
          attempt(
              "stats",
              inspect(
                  reader,
                  table.getKey(),
                  List.of(),
                  served.rows(reader.user(), "SHOW STATS FOR " + name)));
        } else {
          String leak = inspectMessage(reader, stats);
          attempt("stats", leak == null ? null : name + ": " + leak);
        }
        for (String column : textColumns.getOrDefault(table.getKey(), List.of())) {
          if (column.endsWith("_pseudonym")) {
            continue;
          }
          String error =
              failure(
                  reader,
                  "SELECT CAST(\""
                      + column
                      + "\" AS bigint) FROM "
                      + name
                      + " WHERE \""
                      + column
                      + "\" IS NOT NULL");
          String leak = error == null ? null : inspectMessage(reader, error);
          attempt("error", leak == null ? null : name + "." + column + ": " + leak);
        }
      }
    }
    assertNoLeaks("explain");
    assertNoLeaks("stats");
    assertNoLeaks("error");
  }

  @Test
  void metadataTablesTableFunctionsAndTimeTravelLeakNothing() throws SQLException {
    for (Reader reader : READERS) {
      for (Map.Entry<String, List<String>> table : tables(reader).entrySet()) {
        TableName name = TableName.of(table.getKey());
        for (String metadata : List.of("$history", "$properties", "$partitions")) {
          String sql =
              "SELECT * FROM lake." + name.schema() + ".\"" + name.table() + metadata + "\"";
          String refused = failure(reader, sql);
          attempt(
              "metadata",
              refused != null
                  ? inspectMessage(reader, refused)
                  : inspect(
                      reader,
                      table.getKey() + metadata,
                      List.of(),
                      served.rows(reader.user(), sql)));
        }
        String changes =
            "SELECT * FROM TABLE(lake.system.table_changes('"
                + name.schema()
                + "', '"
                + name.table()
                + "', 0))";
        String refused = failure(reader, changes);
        attempt(
            "table_function",
            refused != null
                ? inspectMessage(reader, refused)
                : inspect(reader, table.getKey(), List.of(), served.rows(reader.user(), changes)));
        String first = "SELECT * FROM lake." + table.getKey() + " FOR VERSION AS OF 0";
        String old = failure(reader, first);
        attempt(
            "time_travel",
            old != null
                ? inspectMessage(reader, old)
                : inspect(
                    reader, table.getKey(), table.getValue(), served.rows(reader.user(), first)));
      }
    }
    assertNoLeaks("metadata");
    assertNoLeaks("table_function");
    assertNoLeaks("time_travel");
  }

  @Test
  void theRestApiShowsNoOneElsesQuery() throws Exception {
    // An engineer looks a person up: the query text holds the name.
    String surname =
        served
            .world
            .lake
            .read(TableName.silver("person_record"))
            .filter("force_id = 'england'")
            .select("surname")
            .orderBy("surname")
            .first()
            .getString(0);
    String marker = "attack-" + System.nanoTime();
    served.rows(
        ServedWorld.ENGINEER,
        "SELECT '"
            + marker
            + "', count(*) FROM lake.silver.person_record WHERE surname = '"
            + surname
            + "'");
    String id = null;
    for (JsonNode query :
        JSON.readTree(served.rest(ServedWorld.ENGINEER, "GET", "/v1/query").body())) {
      if (query.path("query").asText().contains(marker)) {
        id = query.path("queryId").asText();
      }
    }
    assertThat(id).as("the engineer's own query is listed to them").isNotNull();
    for (Reader reader : READERS) {
      for (String path : List.of("/v1/query", "/v1/query/" + id, "/ui/api/query")) {
        HttpResponse<String> response = served.rest(reader.user(), "GET", path);
        attempt(
            "rest",
            response.body().contains(marker)
                ? reader.user() + " read the engineer's query through " + path
                : null);
      }
      HttpResponse<String> kill = served.rest(reader.user(), "DELETE", "/v1/query/" + id);
      attempt(
          "rest",
          kill.statusCode() < 300 ? reader.user() + " may kill the engineer's query" : null);
    }
    assertNoLeaks("rest");
  }

  /**
   * Re-identification by dictionary: the generator's own name lists, hashed under every key an
   * attacker could find (the documented demo secret, an empty key, every quoted literal the plans
   * of a masked table show), find no one among the pseudonyms a role without PII reads. With the
   * real key, the same attack finds nearly everyone: the attack works, the key is what is missing.
   */
  @Test
  void aDictionaryAttackWithTheGeneratorsNameListsFindsNoOne() throws Exception {
    Set<String> names = generatorsNames();
    Reader analyst = READERS.get(0);
    List<List<Object>> read =
        served.rows(
            analyst.user(), "SELECT DISTINCT force_id, surname FROM lake.silver.person_record");
    Set<String> candidateKeys = new TreeSet<>(List.of("", "bluelamp-demo-only"));
    for (List<Object> row :
        served.rows(analyst.user(), "EXPLAIN SELECT * FROM lake.silver.person_record")) {
      java.util.regex.Matcher literal =
          java.util.regex.Pattern.compile("'([^']*)'").matcher(row.get(0).toString());
      while (literal.find()) {
        candidateKeys.add(literal.group(1));
      }
    }
    int found = 0;
    for (String key : candidateKeys) {
      found += reidentified(read, names, key);
      attempt("dictionary", null);
    }
    attempt("dictionary", found > 0 ? found + " persons re-identified" : null);
    int withTheKey = reidentified(read, names, SharedSpark.PSEUDONYM_KEY);
    assertThat(withTheKey)
        .as("the attack with the real key (its power)")
        .isGreaterThan(read.size() / 2);
    assertNoLeaks("dictionary");
  }

  /**
   * Suppressed counts of the published table, attacked as its readers (the mayor's office of one
   * force, the public) read it: the force total less the other wards, last year's column of the
   * week a year on, the averages of the four weeks after, the week's own % changes
   * (SuppressionAttacks; TestSuppressionAttacks shows each recovers counts from a table made by the
   * old rule). A leak is an attack giving the count gold.compstat_weekly holds.
   */
  @Test
  void noSuppressedCountFollowsFromWhatTheMayorsOfficeOrThePublicRead() throws SQLException {
    Map<String, Long> truth = new java.util.HashMap<>();
    for (Row row : served.world.lake.read(TableName.gold("compstat_weekly")).collectAsList()) {
      Map<String, String> cells = new java.util.HashMap<>();
      for (String column :
          List.of("force_id", "area_type", "area_id", "measure_group", "measure")) {
        cells.put(column, row.getAs(column));
      }
      cells.put("week_start", row.getAs("week_start").toString());
      truth.put(SuppressionAttacks.key(cells, 0), row.<Long>getAs("week_count"));
    }
    for (Reader reader : List.of(READERS.get(3), READERS.get(4))) {
      List<Map<String, String>> rows = new ArrayList<>();
      List<String> columns =
          List.of(
              "force_id",
              "area_type",
              "area_id",
              "measure_group",
              "measure",
              "week_start",
              "this_week",
              "preceding_4_weeks_avg",
              "same_week_last_year",
              "change_vs_4_weeks_pct",
              "change_vs_last_year_pct");
      for (List<Object> read :
          served.rows(
              reader.user(),
              "SELECT "
                  + String.join(
                      ", ", columns.stream().map(c -> "CAST(" + c + " AS varchar)").toList())
                  + " FROM lake.gold.mayor_weekly")) {
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), (String) read.get(i));
        }
        rows.add(row);
      }
      assertThat(rows).as(reader.user() + " reads the published table").isNotEmpty();
      new SuppressionAttacks(rows)
          .run(
              (attack, target, value) -> {
                boolean leak = value != null && value.equals(truth.get(target));
                attempt(
                    "disclosure",
                    leak ? reader.user() + " recovers " + target + " by " + attack : null);
              });
    }
    assertNoLeaks("disclosure");
  }

  /** Every name and spelling in the generator's name lists (synth/names/<force>.csv). */
  private static Set<String> generatorsNames() throws java.io.IOException {
    Set<String> names = new TreeSet<>();
    for (String force : List.of("england", "lebanon", "belgium")) {
      try (java.io.InputStream in =
          TrinoAttackIT.class.getResourceAsStream("/synth/names/" + force + ".csv")) {
        for (String line :
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .toList()) {
          if (line.startsWith("#") || line.startsWith("kind,") || line.isBlank()) {
            continue;
          }
          String[] cells = line.split(",", -1);
          names.add(cells[1]);
          names.addAll(List.of(cells[2].split("\\|")));
          names.addAll(List.of(cells[1].split(" ")));
          names.add(cells[3]);
        }
      }
    }
    names.removeIf(String::isBlank);
    return names;
  }

  /** How many of {@code read}'s (force, pseudonym) rows a name hashed under {@code key} matches. */
  private static int reidentified(List<List<Object>> read, Set<String> names, String key)
      throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    if (key.isEmpty()) {
      return 0; // HMAC has no empty key; nor do the masks
    }
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    Set<String> pseudonyms = new HashSet<>();
    for (List<Object> row : read) {
      pseudonyms.add(row.get(0) + " " + row.get(1));
    }
    int hits = 0;
    for (String force : List.of("england", "lebanon", "belgium")) {
      for (String name : names) {
        for (String spelling :
            new HashSet<>(List.of(name, name.toUpperCase(java.util.Locale.ROOT)))) {
          String hash =
              java.util.HexFormat.of()
                  .formatHex(
                      mac.doFinal(
                          (force + "|" + spelling)
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          if (pseudonyms.contains(force + " pk_" + hash.substring(0, 16))) {
            hits++;
          }
        }
      }
    }
    return hits;
  }
}
