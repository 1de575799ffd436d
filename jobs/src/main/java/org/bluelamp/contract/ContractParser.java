package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.bluelamp.config.YamlNode;

/** Reads declaration files into records, rejecting anything a run would trip over later. */
final class ContractParser {
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern EPSG = Pattern.compile("EPSG:\\d{4,5}");
  private static final Pattern SQL_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final Path root;
  private final Map<String, Force> forces;
  private final Map<String, EntitySpec> entities;

  ContractParser(Path root, Map<String, Force> forces, Map<String, EntitySpec> entities) {
    this.root = requireNonNull(root, "root");
    this.forces = requireNonNull(forces, "forces");
    this.entities = requireNonNull(entities, "entities");
  }

  static Force force(YamlNode yaml) {
    yaml.allowOnly(Set.of("id", "name", "zone", "crs", "extent", "grid", "landing", "description"));
    String id = snakeCase(yaml, "id");
    if (!yaml.file().getFileName().toString().startsWith(id + ".")) {
      throw yaml.error(
          "id", "id '" + id + "' differs from the file name", "name the file " + id + ".yaml");
    }
    YamlNode extent = yaml.child("extent").allowOnly(Set.of("min_x", "min_y", "max_x", "max_y"));
    return new Force(
        id,
        yaml.string("name"),
        ZoneId.of(
            zone(yaml, "zone")
                .orElseThrow(
                    () ->
                        yaml.error("zone", "required key is missing", "add zone: Europe/London"))),
        crs(yaml, "crs"),
        new Force.Extent(
            extent.number("min_x"),
            extent.number("min_y"),
            extent.number("max_x"),
            extent.number("max_y")),
        yaml.optionalChild("grid").map(ContractParser::grid).orElse(Force.Grid.DEFAULT),
        yaml.optionalString("landing").orElse(Force.DEFAULT_LANDING));
  }

  private static Force.Grid grid(YamlNode grid) {
    grid.allowOnly(Set.of("cell_metres", "band_metres"));
    double cell = grid.number("cell_metres");
    double band = grid.number("band_metres");
    if (!(cell > 0) || !(band >= cell)) {
      throw grid.error(
          "band_metres",
          "a grid needs cell_metres > 0 and band_metres >= cell_metres, not "
              + cell
              + " and "
              + band,
          "use e.g. {cell_metres: 250, band_metres: 750}");
    }
    return new Force.Grid(cell, band);
  }

  static EntitySpec entity(YamlNode yaml) {
    yaml.allowOnly(
        Set.of(
            "entity",
            "description",
            "key",
            "event_time",
            "geometry",
            "areas",
            "nearest",
            "reads",
            "columns",
            "derived",
            "tags",
            "clearance"));
    String name = snakeCase(yaml, "entity");
    List<EntitySpec.Column> columns = yaml.list("columns", c -> entityColumn(c, true));
    List<EntitySpec.Column> derived = yaml.list("derived", c -> entityColumn(c, false));
    Set<String> names = new HashSet<>();
    for (EntitySpec.Column column : columns) {
      names.add(column.name());
    }
    for (EntitySpec.Column column : derived) {
      if (!names.add(column.name())) {
        throw yaml.error("derived", "column '" + column.name() + "' is declared twice", "keep one");
      }
    }
    List<String> key = yaml.strings("key");
    requireKnown(yaml, "key", key, names);
    Optional<String> eventTime = yaml.optionalString("event_time");
    eventTime.ifPresent(t -> requireKnown(yaml, "event_time", List.of(t), names));
    return new EntitySpec(
        yaml.file(),
        name,
        yaml.string("description"),
        key,
        eventTime,
        yaml.enumValue("geometry", EntitySpec.EntityGeometry.class, EntitySpec.EntityGeometry.NONE),
        yaml.strings("areas"),
        yaml.strings("nearest"),
        yaml.strings("reads"),
        columns,
        derived,
        yaml.strings("tags"),
        yaml.optionalString("clearance"));
  }

  private static EntitySpec.Column entityColumn(YamlNode c, boolean mapped) {
    c.allowOnly(
        mapped
            ? Set.of("name", "type", "description", "required", "pii")
            : Set.of("name", "type", "description", "pii"));
    return new EntitySpec.Column(
        snakeCase(c, "name"),
        c.enumValue("type", ColumnType.class, ColumnType.STRING),
        c.string("description"),
        mapped && c.bool("required", true),
        c.bool("pii", false));
  }

  SourceContract source(YamlNode yaml) {
    yaml.allowOnly(
        Set.of(
            "system",
            "description",
            "entity",
            "reader",
            "key",
            "sequence",
            "columns",
            "code_lists",
            "geometry",
            "pii",
            "rules",
            "service"));
    Path file = yaml.file();
    String force = file.getParent().getFileName().toString();
    if (!forces.containsKey(force)) {
      throw yaml.error(
          "",
          "the folder '" + force + "' is not a declared force " + forces.keySet(),
          "move the file under pipelines/sources/<force>/ or add pipelines/forces/"
              + force
              + ".yaml");
    }
    String system = snakeCase(yaml, "system");
    if (!file.getFileName().toString().startsWith(system + ".")) {
      throw yaml.error(
          "system",
          "system '" + system + "' differs from the file name",
          "name the file " + system + ".yaml");
    }
    ReaderSpec reader = reader(yaml.child("reader"));
    List<ColumnSpec> columns = yaml.list("columns", this::column);
    if (columns.isEmpty()) {
      throw yaml.error("columns", "a source needs at least one column", "list the columns to keep");
    }
    Set<String> names = new HashSet<>();
    for (ColumnSpec column : columns) {
      if (!names.add(column.name())) {
        throw yaml.error("columns", "column '" + column.name() + "' is declared twice", "keep one");
      }
    }
    List<CodeListSpec> codeLists = yaml.list("code_lists", c -> codeList(c, names));
    codeLists.forEach(c -> names.addAll(c.add().values()));
    List<String> key = yaml.strings("key");
    if (key.isEmpty()) {
      throw yaml.error("key", "a source needs a key", "name the column(s) that identify a record");
    }
    requireKnown(yaml, "key", key, names);
    Optional<String> sequence = yaml.optionalString("sequence");
    sequence.ifPresent(s -> requireKnown(yaml, "sequence", List.of(s), names));
    Optional<GeometrySpec> geometry = yaml.optionalChild("geometry").map(g -> geometry(g, columns));
    List<String> pii = yaml.strings("pii");
    requireKnown(yaml, "pii", pii, names);
    List<RuleSpec> rules = yaml.list("rules", ContractParser::rule);
    Set<String> ruleNames = new HashSet<>();
    rules.forEach(
        r -> {
          if (!ruleNames.add(r.name())) {
            throw yaml.error("rules", "rule '" + r.name() + "' is declared twice", "rename one");
          }
        });
    Optional<String> entity = yaml.optionalString("entity");
    Optional<String> service = yaml.optionalString("service");
    service.ifPresent(s -> requireKnown(yaml, "service", List.of(s), names));
    SourceContract contract =
        new SourceContract(
            file,
            force,
            system,
            yaml.string("description"),
            entity,
            reader,
            key,
            sequence,
            columns,
            codeLists,
            geometry,
            pii,
            rules,
            service);
    entity.ifPresent(e -> checkFeedsEntity(yaml, contract, e));
    return contract;
  }

  private void checkFeedsEntity(YamlNode yaml, SourceContract contract, String entityName) {
    EntitySpec entity = entities.get(entityName);
    if (entity == null) {
      throw yaml.error(
          "entity",
          "unknown entity '" + entityName + "'",
          "use one of " + entities.keySet() + " (pipelines/entities/)");
    }
    List<String> outputs = contract.outputColumns();
    List<String> missing =
        entity.columns().stream()
            .filter(EntitySpec.Column::required)
            .map(EntitySpec.Column::name)
            .filter(n -> !outputs.contains(n))
            .toList();
    if (!missing.isEmpty()) {
      throw yaml.error(
          "columns",
          "entity '"
              + entityName
              + "' needs column(s) "
              + missing
              + " that this source does not map",
          "map them under columns (see " + root.relativize(entity.file()) + ")");
    }
    boolean located = contract.geometry().isPresent();
    if (entity.geometry() != EntitySpec.EntityGeometry.NONE && !located) {
      throw yaml.error(
          "geometry",
          "entity '" + entityName + "' is located but this source has no geometry",
          "declare geometry: x, y (or geojson) and crs");
    }
  }

  private ReaderSpec reader(YamlNode yaml) {
    yaml.allowOnly(Set.of("kind", "path", "glob", "layout", "options", "fields"));
    ReaderKind kind = yaml.enumValue("kind", ReaderKind.class, null);
    if (kind == null) {
      throw yaml.error(
          "kind",
          "required key is missing",
          "add kind: one of " + Arrays.toString(ReaderKind.values()).toLowerCase());
    }
    Map<String, String> options = yaml.stringMap("options");
    for (String option : options.keySet()) {
      if (!kind.options().contains(option)) {
        throw yaml.error(
            "options." + option,
            "reader '" + kind.name().toLowerCase() + "' has no option '" + option + "'",
            "use one of " + kind.options());
      }
    }
    if (options.containsKey("encoding")) {
      try {
        java.nio.charset.Charset.forName(options.get("encoding"));
      } catch (IllegalArgumentException e) {
        throw yaml.error(
            "options.encoding",
            "unknown encoding '" + options.get("encoding") + "'",
            "use e.g. UTF-8 or ISO-8859-1");
      }
    }
    List<ReaderSpec.FixedField> fields = fixedFields(yaml, kind);
    if (kind == ReaderKind.JDBC) {
      for (String required : List.of("connection", "table")) {
        if (!options.containsKey(required)) {
          throw yaml.error(
              "options." + required,
              "a jdbc reader needs '" + required + "'",
              "add it (credentials never go in a contract: see docs/contracts.md#jdbc-sources)");
        }
      }
      for (String option : List.of("table", "watermark", "partition_column")) {
        if (options.containsKey(option) && !SQL_NAME.matcher(options.get(option)).matches()) {
          throw yaml.error(
              "options." + option,
              "'" + options.get(option) + "' is not a plain SQL name",
              "use letters, digits, '_' and one optional schema dot, e.g. rms.crimes");
        }
      }
    }
    if (kind == ReaderKind.XML && !options.containsKey("record")) {
      throw yaml.error(
          "options.record",
          "an xml reader needs the record element's name",
          "add record: <Element>");
    }
    return new ReaderSpec(
        kind,
        kind.readsFiles() ? yaml.string("path") : yaml.optionalString("path").orElse(""),
        yaml.optionalString("glob").orElse("*"),
        yaml.enumValue("layout", Layout.class, Layout.DAILY),
        options,
        fields);
  }

  private static List<ReaderSpec.FixedField> fixedFields(YamlNode yaml, ReaderKind kind) {
    List<ReaderSpec.FixedField> fields =
        yaml.list(
            "fields",
            f -> {
              f.allowOnly(Set.of("name", "start", "length"));
              int start = (int) f.number("start");
              int length = (int) f.number("length");
              if (start < 1 || length < 1) {
                throw f.error("", "start and length must be at least 1", "count from column 1");
              }
              return new ReaderSpec.FixedField(f.string("name"), start, length);
            });
    if (kind == ReaderKind.FIXED && fields.isEmpty()) {
      throw yaml.error(
          "fields",
          "a fixed-width reader needs its layout",
          "list {name, start, length} per column");
    }
    if (kind != ReaderKind.FIXED && !fields.isEmpty()) {
      throw yaml.error("fields", "only a fixed-width reader takes fields", "remove them");
    }
    for (int i = 1; i < fields.size(); i++) {
      ReaderSpec.FixedField previous = fields.get(i - 1);
      if (fields.get(i).start() < previous.start() + previous.length()) {
        throw yaml.error(
            "fields[" + i + "]",
            "'" + fields.get(i).name() + "' overlaps '" + previous.name() + "'",
            "list fields in order, each starting after the previous one ends");
      }
    }
    return fields;
  }

  private ColumnSpec column(YamlNode yaml) {
    yaml.allowOnly(
        Set.of("name", "from", "type", "format", "zone", "decimal_separator", "required", "value"));
    String name = snakeCase(yaml, "name");
    ColumnType type = yaml.enumValue("type", ColumnType.class, ColumnType.STRING);
    Optional<String> format = yaml.optionalString("format");
    if (format.isPresent()) {
      if (!type.isTemporal()) {
        throw yaml.error(
            "format",
            "a format applies only to date and timestamp columns",
            "remove it or set type: date/timestamp");
      }
      try {
        DateTimeFormatter.ofPattern(format.get());
      } catch (IllegalArgumentException e) {
        throw yaml.error(
            "format",
            "not a valid date-time pattern: " + e.getMessage(),
            "use a pattern such as dd/MM/yyyy HH:mm");
      }
    }
    Optional<String> zone = zone(yaml, "zone");
    if (zone.isPresent() && type != ColumnType.TIMESTAMP) {
      throw yaml.error("zone", "a zone applies only to timestamp columns", "remove it");
    }
    String separator = yaml.optionalString("decimal_separator").orElse(".");
    if (!separator.equals(".") && !separator.equals(",")) {
      throw yaml.error("decimal_separator", "must be '.' or ','", "write decimal_separator: ','");
    }
    if (separator.equals(",") && !type.isNumeric()) {
      throw yaml.error("decimal_separator", "applies only to numeric columns", "remove it");
    }
    return new ColumnSpec(
        name,
        yaml.optionalString("from").orElse(name),
        type,
        format,
        zone,
        separator.charAt(0),
        yaml.bool("required", false),
        yaml.optionalString("value"));
  }

  private CodeListSpec codeList(YamlNode yaml, Set<String> columns) {
    yaml.allowOnly(Set.of("column", "list", "on_unknown", "add"));
    String column = yaml.string("column");
    requireKnown(yaml, "column", List.of(column), columns);
    String list = yaml.string("list");
    Path file = root.resolve("code_lists").resolve(list + ".csv");
    if (!Files.isRegularFile(file)) {
      throw yaml.error(
          "list", "no code list file " + file, "add the CSV (header: code,...) or fix the name");
    }
    List<String> header = codeListHeader(yaml, file);
    if (!header.contains("code")) {
      throw yaml.error(
          "list",
          file + " has no 'code' column (header " + header + ")",
          "name the code column 'code'");
    }
    Map<String, String> add = yaml.stringMap("add");
    for (String listColumn : add.keySet()) {
      if (!header.contains(listColumn)) {
        throw yaml.error(
            "add." + listColumn,
            file + " has no column '" + listColumn + "' (header " + header + ")",
            "use one of " + header);
      }
    }
    return new CodeListSpec(
        column, list, yaml.enumValue("on_unknown", Action.class, Action.QUARANTINE), add);
  }

  private static List<String> codeListHeader(YamlNode yaml, Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      return line == null ? List.of() : List.of(line.split(",", -1));
    } catch (IOException e) {
      throw yaml.error("list", "cannot read " + file + ": " + e.getMessage(), "check the file");
    }
  }

  private static GeometrySpec geometry(YamlNode yaml, List<ColumnSpec> columns) {
    yaml.allowOnly(Set.of("x", "y", "geojson", "crs"));
    Optional<String> x = yaml.optionalString("x");
    Optional<String> y = yaml.optionalString("y");
    Optional<String> geojson = yaml.optionalString("geojson");
    if (geojson.isPresent() == (x.isPresent() || y.isPresent()) || x.isPresent() != y.isPresent()) {
      throw yaml.error(
          "",
          "give either both x and y, or geojson",
          "e.g. geometry: {x: easting, y: northing, crs: EPSG:27700}");
    }
    for (String name : List.of(x, y, geojson).stream().flatMap(Optional::stream).toList()) {
      ColumnSpec column =
          columns.stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () -> yaml.error("", "unknown column '" + name + "'", "name a declared column"));
      boolean wanted =
          geojson.isPresent() ? column.type() == ColumnType.STRING : column.type().isNumeric();
      if (!wanted) {
        throw yaml.error(
            "",
            "column '" + name + "' has type " + column.type().name().toLowerCase(),
            geojson.isPresent() ? "declare it as string" : "declare it as double");
      }
    }
    return new GeometrySpec(x, y, geojson, crs(yaml, "crs"));
  }

  private static RuleSpec rule(YamlNode yaml) {
    yaml.allowOnly(Set.of("name", "check", "action", "category"));
    String check = yaml.string("check");
    try {
      CatalystSqlParser$.MODULE$.parseExpression(check);
    } catch (Exception e) { // ParseException is checked in Scala's eyes, undeclared in Java's
      throw yaml.error(
          "check",
          "not a valid SQL expression: " + e.getMessage().lines().findFirst().orElse(""),
          "write a SQL boolean over the typed column names");
    }
    String category = yaml.optionalString("category").orElse(RuleSpec.DEFAULT_CATEGORY);
    if (!SNAKE_CASE.matcher(category).matches()) {
      throw yaml.error(
          "category", "'" + category + "' is not snake_case", "use e.g. impossible_time");
    }
    return new RuleSpec(
        snakeCase(yaml, "name"),
        check,
        yaml.enumValue("action", Action.class, Action.QUARANTINE),
        category);
  }

  private static String snakeCase(YamlNode yaml, String key) {
    String value = yaml.string(key);
    if (!SNAKE_CASE.matcher(value).matches()) {
      throw yaml.error(
          key,
          "'" + value + "' is not snake_case",
          "use lower-case letters, digits and underscores");
    }
    return value;
  }

  private static String crs(YamlNode yaml, String key) {
    String value = yaml.string(key);
    if (!EPSG.matcher(value).matches()) {
      throw yaml.error(key, "'" + value + "' is not an EPSG code", "write e.g. EPSG:27700");
    }
    return value;
  }

  private static Optional<String> zone(YamlNode yaml, String key) {
    Optional<String> value = yaml.optionalString(key);
    value.ifPresent(
        z -> {
          try {
            ZoneId.of(z);
          } catch (DateTimeException e) {
            throw yaml.error(
                key, "unknown time zone '" + z + "'", "use an IANA zone such as Europe/London");
          }
        });
    return value;
  }

  private static void requireKnown(
      YamlNode yaml, String key, List<String> used, Set<String> known) {
    for (String name : used) {
      if (!known.contains(name)) {
        throw yaml.error(
            key,
            "'" + name + "' is not a declared column",
            "use one of " + known.stream().sorted().toList());
      }
    }
  }
}
