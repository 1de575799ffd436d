package org.bluelamp.model;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.Errors;
import org.bluelamp.Progress;
import org.bluelamp.contract.YamlNode;
import org.bluelamp.lake.JobResult;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;

/**
 * Finds the gold models under {@code sql/gold/}, orders them by the {@code gold.*} tables they
 * read, builds each as a Delta table and runs its YAML tests; a failing test fails the run.
 */
public final class GoldModels {
  private static final Pattern GOLD_REFERENCE = Pattern.compile("\\bgold\\.([a-z0-9_]+)");

  private final Lake lake;
  private final Progress progress;

  public GoldModels(Lake lake, Progress progress) {
    this.lake = requireNonNull(lake, "lake");
    this.progress = requireNonNull(progress, "progress");
  }

  public static List<GoldModel> discover(Path sqlRoot) {
    Path gold = sqlRoot.resolve("gold");
    Map<String, GoldModel> models = new TreeMap<>();
    try (Stream<Path> files = Files.walk(gold)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        GoldModel model = load(gold, file);
        models.put(model.name(), model);
      }
    } catch (IOException e) {
      throw Errors.io("read the gold models under " + gold, e);
    }
    return order(models);
  }

  private static GoldModel load(Path gold, Path file) throws IOException {
    Path relative = gold.relativize(file);
    if (relative.getNameCount() != 2) {
      throw Errors.usage(
          "Gold model " + file + " is not at sql/gold/<domain>/<model>.sql",
          "move it into a domain folder");
    }
    String domain = relative.getName(0).toString();
    String model = relative.getName(1).toString().replaceFirst("\\.sql$", "");
    String name = domain + "_" + model;
    String sql = Files.readString(file).strip().replaceFirst(";\\s*$", "");
    Path yamlFile = file.resolveSibling(model + ".yml");
    if (!Files.isRegularFile(yamlFile)) {
      throw Errors.usage(
          "Gold model " + name + " has no " + yamlFile,
          "add it with description, grain and columns (see sql/README.md)");
    }
    YamlNode yaml = YamlNode.read(yamlFile).allowOnly(Set.of("description", "grain", "columns"));
    List<String> notNull = new ArrayList<>();
    yaml.list(
        "columns",
        c -> {
          c.allowOnly(Set.of("name", "description", "tests"));
          if (c.strings("tests").contains("not_null")) {
            notNull.add(c.string("name"));
          }
          return c.string("description");
        });
    Set<String> dependsOn = new LinkedHashSet<>();
    Matcher matcher = GOLD_REFERENCE.matcher(sql);
    while (matcher.find()) {
      dependsOn.add(matcher.group(1));
    }
    return new GoldModel(
        name, file, sql, yaml.string("description"), yaml.strings("grain"), notNull, dependsOn);
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
    for (String dependency : model.dependsOn()) {
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

  public JobResult build(GoldModel model) {
    TableName table = new TableName("gold", model.name());
    Dataset<Row> data;
    try {
      data = lake.spark().sql(model.sql());
    } catch (RuntimeException e) {
      throw Errors.modelFailed(model.name(), model.file(), e.getMessage(), e);
    }
    lake.overwrite(table, data);
    Dataset<Row> built = lake.read(table);
    long rows = built.count();
    test(model, built, rows);
    progress.log("gold", table + ": " + Progress.count(rows) + " rows, tests passed");
    return JobResult.written("gold", table.toString(), rows);
  }

  private static void test(GoldModel model, Dataset<Row> built, long rows) {
    if (!model.grain().isEmpty()) {
      long distinct =
          built
              .select(model.grain().stream().map(c -> col(c)).toArray(Column[]::new))
              .distinct()
              .count();
      if (distinct != rows) {
        throw Errors.modelFailed(
            model.name(),
            model.file(),
            "test unique("
                + String.join(", ", model.grain())
                + ") failed: "
                + (rows - distinct)
                + " duplicate row(s) on the grain",
            null);
      }
    }
    for (String column : model.notNull()) {
      long nulls = built.filter(col(column).isNull()).count();
      if (nulls > 0) {
        throw Errors.modelFailed(
            model.name(),
            model.file(),
            "test not_null(" + column + ") failed: " + nulls + " row(s)",
            null);
      }
    }
  }
}
