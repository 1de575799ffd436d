package org.bluelamp.synth;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bluelamp.contract.Action;
import org.bluelamp.contract.BuiltInRule;
import org.bluelamp.contract.CodeListSpec;
import org.bluelamp.contract.ColumnSpec;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.Force;
import org.bluelamp.contract.GeometrySpec;
import org.bluelamp.contract.Layout;
import org.bluelamp.contract.ReaderKind;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.synth.LandingFormats.Row;
import org.bluelamp.synth.Truth.Defect;
import org.bluelamp.synth.Truth.SourceTruth;
import org.bluelamp.synth.Truth.Update;
import org.locationtech.jts.geom.Geometry;

/**
 * Writes one source's records as its contract says the system exports them: the contract's source
 * column names, formats, zones, decimal separators, encoding and reader kind. The generator thus
 * never hard-codes a file layout: a new contract is a new source of the sample world.
 *
 * <p>Records come as maps of the contract's target column names to values (text, numbers, {@link
 * LocalDate}, {@link ZonedDateTime}, JTS geometries). Keys starting with {@code _} are truths that
 * are not written: {@code _identity} (who or what the record is about, written to the identities
 * truth file) and {@code _amended} (a later version of the record, sent again on {@code
 * _amended_on}), and {@code _warning} (the category of a coding error planted in an otherwise clean
 * record, which a warning rule of the contract flags).
 *
 * <p>Defects are planted where the contract says a rule will catch them: an unparseable date in a
 * typed column, a blank location, a point outside the force, a code not in its list, an empty
 * required field, a repeated record, a broken line. Each is written down with the file, offset and
 * the rule that must quarantine it.
 */
final class SourceWriter {
  static final String IDENTITY = "_identity";
  static final String AMENDED = "_amended";
  static final String AMENDED_ON = "_amended_on";
  static final String WARNING = "_warning";
  private static final double DEFECT_RATE = 0.002;
  private static final int FIRST_DEFECT_ROW = 3;
  private static final java.util.regex.Pattern OFFSET = java.util.regex.Pattern.compile("[XxZOV]");

  private final SourceContract contract;
  private final Force force;
  private final Path landing;
  private final Databases databases;
  private final SplittableRandom random;
  private final LocalDate lastDay;
  private final List<String> defectKinds;
  private final Map<String, ColumnSpec> bySource = new java.util.HashMap<>();
  private final Map<LocalDate, List<Map<String, Object>>> amendments = new TreeMap<>();
  private final List<Defect> defects = new ArrayList<>();
  private final List<Truth.Warning> warnings = new ArrayList<>();
  private final List<Update> updates = new ArrayList<>();
  private final List<String[]> identities = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private final List<Map<String, Object>> jdbcRows = new ArrayList<>();
  private long records;
  private long clean;

  SourceWriter(
      SourceContract contract,
      Force force,
      Path landing,
      Databases databases,
      SplittableRandom random,
      LocalDate lastDay) {
    this.contract = requireNonNull(contract, "contract");
    this.force = requireNonNull(force, "force");
    this.landing = requireNonNull(landing, "landing");
    this.databases = requireNonNull(databases, "databases");
    this.random = requireNonNull(random, "random");
    this.lastDay = requireNonNull(lastDay, "lastDay");
    this.defectKinds = defectKinds();
    contract.columns().forEach(c -> bySource.putIfAbsent(c.from(), c));
  }

  String id() {
    return contract.id();
  }

  boolean daily() {
    return contract.reader().kind() != ReaderKind.JDBC
        && contract.reader().layout() == Layout.DAILY;
  }

  /** The defect kinds this contract can catch (none for snapshot layers such as boundaries). */
  private List<String> defectKinds() {
    List<String> kinds = new ArrayList<>();
    if (!daily() && contract.reader().kind() != ReaderKind.JDBC) {
      return kinds;
    }
    ReaderKind kind = contract.reader().kind();
    boolean text =
        Set.of(ReaderKind.CSV, ReaderKind.JSONL, ReaderKind.XML, ReaderKind.FIXED).contains(kind)
            || kind == ReaderKind.EXCEL;
    if (text && badDateColumn().isPresent()) {
      kinds.add("bad_date");
    }
    if (contract.geometry().map(GeometrySpec::isPoint).orElse(false)) {
      kinds.add("missing_location");
      kinds.add("out_of_area");
    }
    if (codeColumn().isPresent()) {
      kinds.add("unknown_code");
    }
    if (requiredTextColumn().isPresent()) {
      kinds.add("missing_required");
    }
    if (kind != ReaderKind.JDBC) {
      kinds.add("duplicate");
    }
    if (Set.of(ReaderKind.CSV, ReaderKind.JSONL, ReaderKind.FIXED).contains(kind)) {
      kinds.add("malformed");
    }
    return List.copyOf(kinds);
  }

  private Optional<ColumnSpec> badDateColumn() {
    return contract.columns().stream()
        .filter(c -> c.type().isTemporal() && c.required() && !c.isConstant())
        .filter(c -> !contract.key().contains(c.name()))
        .filter(c -> !contract.sequence().equals(Optional.of(c.name())))
        .findFirst();
  }

  private Optional<CodeListSpec> codeColumn() {
    return contract.codeLists().stream()
        .filter(c -> c.onUnknown() == Action.QUARANTINE)
        .findFirst();
  }

  private Optional<ColumnSpec> requiredTextColumn() {
    Set<String> coded = new HashSet<>();
    contract.codeLists().forEach(c -> coded.add(c.column()));
    return contract.columns().stream()
        .filter(c -> c.required() && c.type() == ColumnType.STRING && !c.isConstant())
        .filter(c -> !contract.key().contains(c.name()) && !coded.contains(c.name()))
        .findFirst();
  }

  /**
   * Writes the day's file (daily sources), the snapshot file, or buffers database rows; returns the
   * day's records that are clean (no defect planted; a duplicated record's first copy is clean).
   */
  List<Map<String, Object>> write(LocalDate day, List<Map<String, Object>> dayRecords) {
    List<Map<String, Object>> accepted = new ArrayList<>();
    List<Map<String, Object>> all = new ArrayList<>(amendments.getOrDefault(day, List.of()));
    amendments.remove(day);
    int amendmentsFirst = all.size();
    all.addAll(dayRecords);
    String file = fileName(day);
    List<Row> rows = new ArrayList<>();
    List<String[]> planted = new ArrayList<>();
    for (int n = 0; n < all.size(); n++) {
      Map<String, Object> record = all.get(n);
      String key = key(record);
      boolean amendment = n < amendmentsFirst;
      String defect = amendment ? null : defectFor(n - amendmentsFirst);
      records++;
      // A duplicated record's first copy is accepted: a warning it carries is in bronze too.
      boolean loaded = defect == null || defect.equals("duplicate");
      if (!amendment) {
        keys.add(key);
        identity(record, key);
        if (loaded && record.get(WARNING) != null) {
          warnings.add(new Truth.Warning(id(), key, (String) record.get(WARNING), service(record)));
        } else if (defect == null) {
          scheduleAmendment(record, key);
        }
      }
      Map<String, Object> cells = cells(record);
      if (loaded) {
        clean++;
        if (!amendment) {
          accepted.add(record);
        }
      }
      String rule = defect == null ? null : plant(defect, cells);
      rows.add(new Row(cells, "malformed".equals(defect)));
      if (rule != null && !defect.equals("duplicate")) {
        planted.add(
            new String[] {
              String.valueOf(rows.size() - 1),
              defect,
              rule,
              key,
              defect.equals("malformed") ? contract.system() : service(record)
            });
      }
      if ("duplicate".equals(defect)) {
        rows.add(new Row(new LinkedHashMap<>(cells), false));
        records++;
        planted.add(
            new String[] {String.valueOf(rows.size() - 1), defect, rule, key, service(record)});
      }
    }
    if (contract.reader().kind() == ReaderKind.JDBC) {
      for (String[] p : planted) {
        int row = Integer.parseInt(p[0]);
        defects.add(new Defect(id(), file, jdbcRows.size() + row + 1L, p[1], p[2], p[3], p[4]));
      }
      rows.forEach(r -> jdbcRows.add(r.cells()));
      return accepted;
    }
    List<Long> offsets = writeFile(landing.resolve(file), rows);
    for (String[] p : planted) {
      defects.add(
          new Defect(id(), file, offsets.get(Integer.parseInt(p[0])), p[1], p[2], p[3], p[4]));
    }
    return accepted;
  }

  /** Loads the buffered rows of a database source (its table is created by the project's DDL). */
  void finish() {
    if (contract.reader().kind() == ReaderKind.JDBC) {
      databases.load(contract, jdbcRows);
    }
  }

  SourceTruth truth() {
    return new SourceTruth(records, clean, keys.size());
  }

  List<Defect> defects() {
    return defects;
  }

  List<Truth.Warning> warnings() {
    return warnings;
  }

  List<Update> updates() {
    return updates;
  }

  /** The service a coding-error report names for the record (as the pipeline derives it). */
  private String service(Map<String, Object> record) {
    Object value = contract.service().map(record::get).orElse(null);
    return value == null || value.toString().isBlank() ? contract.system() : value.toString();
  }

  List<String[]> identities() {
    return identities;
  }

  String fileName(LocalDate day) {
    if (contract.reader().kind() == ReaderKind.JDBC) {
      return "jdbc:"
          + contract.reader().option("connection", "")
          + "/"
          + contract.reader().option("table", "");
    }
    String stamp = daily() ? day.toString() : contract.system();
    return contract.reader().path() + "/" + contract.reader().glob().replace("*", stamp);
  }

  String key(Map<String, Object> record) {
    List<String> parts = new ArrayList<>();
    for (String column : contract.key()) {
      Object value = record.get(column);
      if (value == null && contract.column(column).flatMap(ColumnSpec::value).isPresent()) {
        value = contract.column(column).flatMap(ColumnSpec::value).get();
      }
      parts.add(String.valueOf(value));
    }
    return String.join("|", parts);
  }

  private void identity(Map<String, Object> record, String key) {
    Object identity = record.get(IDENTITY);
    if (identity != null) {
      identities.add(new String[] {id(), key, identity.toString()});
    }
  }

  @SuppressWarnings("unchecked")
  private void scheduleAmendment(Map<String, Object> record, String key) {
    Object amended = record.get(AMENDED);
    if (amended == null || contract.sequence().isEmpty()) {
      return;
    }
    Map<String, Object> later = (Map<String, Object>) amended;
    LocalDate on = (LocalDate) later.get(AMENDED_ON);
    if (on.isAfter(lastDay)) {
      return; // the correction comes after the extract: never sent
    }
    for (Map.Entry<String, Object> change : later.entrySet()) {
      if (change.getKey().startsWith("_")
          || change.getKey().equals(contract.sequence().get())
          || contract.column(change.getKey()).isEmpty()) {
        continue;
      }
      updates.add(new Update(id(), key, change.getKey(), text(change.getValue())));
    }
    Map<String, Object> version = new LinkedHashMap<>(record);
    version.putAll(later);
    version.remove(AMENDED);
    if (contract.reader().kind() == ReaderKind.JDBC) {
      record.putAll(version); // a database holds the latest version of a row
    } else {
      amendments.computeIfAbsent(on, d -> new ArrayList<>()).add(version);
    }
  }

  private static String text(Object value) {
    if (value instanceof ZonedDateTime time) {
      return time.toLocalDateTime().toString();
    }
    return String.valueOf(value);
  }

  /**
   * The defect planted in the n-th record of a file, if any: the first records of every file carry
   * one of each kind (so every kind is present at any scale), later ones at random.
   */
  private String defectFor(int n) {
    if (defectKinds.isEmpty()) {
      return null;
    }
    if (n >= FIRST_DEFECT_ROW && n < FIRST_DEFECT_ROW + defectKinds.size()) {
      return defectKinds.get(n - FIRST_DEFECT_ROW);
    }
    if (random.nextDouble() < DEFECT_RATE * defectKinds.size()) {
      return defectKinds.get(random.nextInt(defectKinds.size()));
    }
    return null;
  }

  /** Damages the cells as the defect says; returns the rule that must quarantine the record. */
  private String plant(String defect, Map<String, Object> cells) {
    switch (defect) {
      case "bad_date" -> {
        ColumnSpec column = badDateColumn().orElseThrow();
        cells.put(column.from(), badDate(column));
        return BuiltInRule.PARSE.on(column.name());
      }
      case "missing_location" -> {
        GeometrySpec geometry = contract.geometry().orElseThrow();
        cells.put(source(geometry.x().orElseThrow()), null);
        cells.put(source(geometry.y().orElseThrow()), null);
        return BuiltInRule.MISSING_LOCATION.ruleName();
      }
      case "out_of_area" -> {
        GeometrySpec geometry = contract.geometry().orElseThrow();
        Force.Extent e = force.extent();
        cells.put(source(geometry.x().orElseThrow()), e.maxX() + 25_000.5);
        cells.put(source(geometry.y().orElseThrow()), e.maxY() + 25_000.5);
        return BuiltInRule.OUT_OF_AREA.ruleName();
      }
      case "unknown_code" -> {
        CodeListSpec code = codeColumn().orElseThrow();
        cells.put(source(code.column()), "ZZ9");
        return code.ruleName();
      }
      case "missing_required" -> {
        ColumnSpec column = requiredTextColumn().orElseThrow();
        cells.put(column.from(), null);
        return BuiltInRule.REQUIRED.on(column.name());
      }
      case "duplicate" -> {
        return BuiltInRule.DUPLICATE.ruleName();
      }
      case "malformed" -> {
        return BuiltInRule.MALFORMED.ruleName();
      }
      default -> throw new IllegalArgumentException(defect);
    }
  }

  private String badDate(ColumnSpec column) {
    if (contract.reader().kind() == ReaderKind.FIXED) {
      int length =
          contract.reader().fields().stream()
              .filter(f -> f.name().equals(column.from()))
              .findFirst()
              .orElseThrow()
              .length();
      return "9".repeat(length);
    }
    return "31/02/2026 25:61";
  }

  private String source(String target) {
    return contract.column(target).orElseThrow().from();
  }

  /** The record's source cells in contract order, typed the way the column is declared. */
  private Map<String, Object> cells(Map<String, Object> record) {
    Map<String, Object> cells = new LinkedHashMap<>();
    Optional<String> geojson = contract.geometry().flatMap(GeometrySpec::geojson);
    for (ColumnSpec column : contract.columns()) {
      if (column.isConstant() || cells.containsKey(column.from())) {
        continue;
      }
      if (!record.containsKey(column.name())) {
        throw new IllegalStateException(
            "the sample world has no '"
                + column.name()
                + "' for "
                + id()
                + " ("
                + contract.file()
                + "); it has "
                + record.keySet());
      }
      Object value = record.get(column.name());
      boolean geometry = geojson.equals(Optional.of(column.name()));
      cells.put(column.from(), value == null || geometry ? value : typed(column, value));
    }
    String partition = contract.reader().options().get("partition_column");
    if (partition != null) {
      cells.put(partition, null); // numbered when the table is loaded
    }
    return cells;
  }

  private Object typed(ColumnSpec column, Object value) {
    return switch (column.type()) {
      case STRING, BOOLEAN -> value.toString();
      case INTEGER, LONG -> ((Number) value).longValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case DATE -> (LocalDate) value;
      case TIMESTAMP -> {
        ZoneId zone = column.zone().map(ZoneId::of).orElse(force.zone());
        ZonedDateTime local = ((ZonedDateTime) value).withZoneSameInstant(zone);
        // A pattern with an offset writes the instant as it is; others write wall-clock time.
        yield column.format().map(f -> OFFSET.matcher(f).find()).orElse(false)
            ? local
            : local.toLocalDateTime();
      }
    };
  }

  /** How a cell is spelled in a text format: the column's date pattern and decimal separator. */
  private String textOf(String sourceColumn, Object cell) {
    if (cell == null) {
      return null;
    }
    ColumnSpec column = bySource.get(sourceColumn);
    if (cell instanceof LocalDateTime time) {
      String pattern =
          column == null ? "yyyy-MM-dd HH:mm:ss" : column.format().orElse("yyyy-MM-dd HH:mm:ss");
      return LandingFormats.formatTime(time, pattern);
    }
    if (cell instanceof ZonedDateTime time) {
      return time.format(java.time.format.DateTimeFormatter.ofPattern(column.format().get()));
    }
    if (cell instanceof LocalDate date) {
      String pattern = column == null ? "yyyy-MM-dd" : column.format().orElse("yyyy-MM-dd");
      return LandingFormats.formatTime(date.atStartOfDay(), pattern);
    }
    if (cell instanceof Double number) {
      String text = BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
      return column != null && column.decimalSeparator() == ',' ? text.replace('.', ',') : text;
    }
    if (cell instanceof Geometry geometry) {
      return WorldGenerator.JSON.valueToTree(LandingFormats.geoJsonGeometry(geometry)).toString();
    }
    return cell.toString();
  }

  private List<Long> writeFile(Path file, List<Row> rows) {
    List<String> columns = new ArrayList<>();
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (ColumnSpec column : contract.columns()) {
      if (!column.isConstant() && !types.containsKey(column.from())) {
        columns.add(column.from());
        types.put(column.from(), column.type());
      }
    }
    var spec = contract.reader();
    String crs = contract.geometry().map(GeometrySpec::crs).orElse(force.crs());
    return switch (spec.kind()) {
      case CSV -> LandingFormats.csv(file, spec, columns, rows, this::textOf);
      case JSONL -> LandingFormats.jsonLines(file, spec, rows, this::textOf);
      case XML -> LandingFormats.xml(file, spec, rows, this::textOf);
      case FIXED -> LandingFormats.fixedWidth(file, spec, rows, this::textOf);
      case EXCEL -> LandingFormats.excel(file, spec, columns, rows, this::textOf);
      case PARQUET -> LandingFormats.parquet(file, types, rows);
      case GEOJSON -> LandingFormats.geoJson(file, spec, crs, geometrySource(), rows, this::textOf);
      case SHAPEFILE -> LandingFormats.shapefile(file, geometrySource(), rows, this::textOf);
      case JDBC -> throw new IllegalStateException("database rows are loaded, not written");
    };
  }

  private String geometrySource() {
    return source(contract.geometry().flatMap(GeometrySpec::geojson).orElseThrow());
  }
}
