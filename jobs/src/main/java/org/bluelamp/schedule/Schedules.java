package org.bluelamp.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.bluelamp.BluelampException;
import org.bluelamp.Errors;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.Layout;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.lake.Tables;

/**
 * {@code pipelines/schedules.yaml}, resolved against the source contracts and the gold models:
 * which sources and models each schedule runs. The Python DAG factory (dags/) resolves the same
 * file the same way; a test compares the two.
 */
public final class Schedules {
  /** The commands a schedule may run instead of pipelines. */
  public static final Set<String> COMMANDS = Set.of("maintain");

  private static final Set<String> TASK_KEYS =
      Set.of("owner", "retries", "retry_delay_minutes", "timeout_minutes", "timezone");
  private static final String REST = "rest";
  private static final String DOWNSTREAM = "downstream";

  private final Map<String, Schedule> schedules;
  private final List<String> order;

  private Schedules(Map<String, Schedule> schedules) {
    this.schedules = Map.copyOf(schedules);
    this.order = List.copyOf(schedules.keySet());
  }

  /** The schedules file of a pipelines folder. */
  public static Path file(Pipelines pipelines) {
    return pipelines.root().resolve("schedules.yaml");
  }

  public static Schedules load(Pipelines pipelines, List<GoldModel> models) {
    Path file = file(pipelines);
    if (!Files.isRegularFile(file)) {
      throw Errors.usage(
          "No schedules file at " + file.toAbsolutePath(),
          "add pipelines/schedules.yaml (docs/operations.md shows one)");
    }
    return parse(YamlNode.read(file), pipelines, models);
  }

  static Schedules parse(YamlNode yaml, Pipelines pipelines, List<GoldModel> models) {
    yaml.allowOnly(Set.of("defaults", "schedules"));
    YamlNode defaults = yaml.child("defaults").allowOnly(TASK_KEYS);
    YamlNode all = yaml.child("schedules");
    Set<String> modelNames = new LinkedHashSet<>();
    models.forEach(m -> modelNames.add(m.name()));

    // Explicit source selections first, then `rest`: every source belongs to one schedule.
    Map<String, List<String>> sources = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    String rest = null;
    for (String name : all.keys()) {
      YamlNode node = all.child(name);
      if (!node.has("sources")) {
        continue;
      }
      if (!node.isMapping("sources") && node.strings("sources").equals(List.of(REST))) {
        if (rest != null) {
          throw node.error("sources", "'rest' is also taken by '" + rest + "'", "keep one 'rest'");
        }
        rest = name;
        continue;
      }
      List<String> selected = selectSources(node, pipelines);
      for (String source : selected) {
        String previous = owner.putIfAbsent(source, name);
        if (previous != null) {
          throw node.error(
              "sources",
              "source " + source + " is already run by schedule '" + previous + "'",
              "a source belongs to exactly one schedule; remove it from one of them");
        }
      }
      sources.put(name, selected);
    }
    List<String> unclaimed =
        pipelines.sources().stream().map(Schedules::id).filter(s -> !owner.containsKey(s)).toList();
    if (rest != null) {
      sources.put(rest, unclaimed);
    } else if (!unclaimed.isEmpty()) {
      throw yaml.error(
          "schedules",
          "no schedule runs the sources " + unclaimed,
          "add them to a schedule, or give one schedule 'sources: rest'");
    }

    Set<String> named = new TreeSet<>();
    for (String name : all.keys()) {
      YamlNode node = all.child(name);
      if (node.has("models") && !node.strings("models").equals(List.of(DOWNSTREAM))) {
        for (String model : node.strings("models")) {
          if (!modelNames.contains(model)) {
            throw node.error(
                "models", "unknown gold model '" + model + "'", "use one of " + modelNames);
          }
          named.add(model);
        }
      }
    }

    Map<String, Schedule> resolved = new LinkedHashMap<>();
    for (String name : all.keys()) {
      YamlNode node = all.child(name);
      List<String> ids = sources.getOrDefault(name, List.of());
      resolved.put(
          name,
          schedule(
              name, node, defaults, ids, models(node, ids, pipelines, models, named), all.keys()));
    }
    Set<String> scheduled = new TreeSet<>();
    resolved.values().forEach(s -> scheduled.addAll(s.models()));
    List<String> unscheduled =
        models.stream().map(GoldModel::name).filter(m -> !scheduled.contains(m)).toList();
    if (!unscheduled.isEmpty()) {
      throw yaml.error(
          "schedules",
          "no schedule builds the gold models " + unscheduled,
          "name them in a schedule's 'models', or let a schedule with sources they read take"
              + " 'models: downstream'");
    }
    return new Schedules(resolved);
  }

  private static Schedule schedule(
      String name,
      YamlNode node,
      YamlNode defaults,
      List<String> sources,
      List<String> models,
      List<String> names) {
    Set<String> keys = new TreeSet<>(TASK_KEYS);
    keys.addAll(
        Set.of(
            "description",
            "dag",
            "cron",
            "every_minutes",
            "sources",
            "models",
            "checks",
            "deadline",
            "command"));
    node.allowOnly(keys);
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw node.error("", "schedule name '" + name + "' is not snake_case", "rename it");
    }
    Optional<String> cron = node.optionalString("cron");
    OptionalInt every =
        node.has("every_minutes")
            ? OptionalInt.of(integer(node, "every_minutes", 1, 1440))
            : OptionalInt.empty();
    if (cron.isPresent() == every.isPresent()) {
      throw node.error(
          "cron", "give exactly one of 'cron' and 'every_minutes'", "e.g. cron: \"30 1 * * *\"");
    }
    cron.filter(c -> c.trim().split("\\s+").length != 5)
        .ifPresent(
            c -> {
              throw node.error(
                  "cron",
                  "'" + c + "' is not a 5-field cron expression",
                  "minute hour dom mon dow");
            });
    Optional<String> checks = node.optionalString("checks");
    checks
        .filter(c -> !names.contains(c) || c.equals(name))
        .ifPresent(
            c -> {
              throw node.error(
                  "checks", "'" + c + "' is not another schedule", "use one of " + names);
            });
    Optional<LocalTime> deadline = node.optionalString("deadline").map(d -> time(node, d));
    if (deadline.isPresent() != checks.isPresent()) {
      throw node.error(
          "deadline",
          "'checks' and 'deadline' go together",
          "give both: what must be fresh, and by when");
    }
    Optional<String> command = node.optionalString("command");
    command
        .filter(c -> !COMMANDS.contains(c))
        .ifPresent(
            c -> {
              throw node.error("command", "unknown command '" + c + "'", "use one of " + COMMANDS);
            });
    int runs =
        (node.has("sources") || node.has("models") ? 1 : 0)
            + (checks.isPresent() ? 1 : 0)
            + (command.isPresent() ? 1 : 0);
    if (runs != 1) {
      throw node.error(
          "",
          "schedule '" + name + "' must run exactly one of: sources/models, checks, command",
          "keep one of them");
    }
    return new Schedule(
        name,
        node.optionalString("description").orElse(""),
        node.optionalString("dag").orElse(name),
        cron,
        every,
        zone(node, setting(node, defaults, "timezone")),
        sources,
        models,
        checks,
        deadline,
        command,
        new Schedule.Tasks(
            setting(node, defaults, "owner"),
            integerSetting(node, defaults, "retries", 0, 100),
            integerSetting(node, defaults, "retry_delay_minutes", 1, 1440),
            integerSetting(node, defaults, "timeout_minutes", 1, 1440)));
  }

  private static List<String> selectSources(YamlNode node, Pipelines pipelines) {
    if (node.isMapping("sources")) {
      YamlNode selector = node.child("sources").allowOnly(Set.of("entity", "layout"));
      Optional<String> entity = selector.optionalString("entity");
      Optional<Layout> layout =
          selector.has("layout")
              ? Optional.of(selector.enumValue("layout", Layout.class, Layout.DAILY))
              : Optional.empty();
      if (entity.isPresent() == layout.isPresent()) {
        throw node.error(
            "sources", "select by one of 'entity' or 'layout'", "e.g. {entity: crime}");
      }
      entity
          .filter(e -> !pipelines.entities().containsKey(e))
          .ifPresent(
              e -> {
                throw selector.error(
                    "entity", "unknown entity '" + e + "'", "use one of pipelines/entities/");
              });
      return pipelines.sources().stream()
          .filter(s -> entity.isEmpty() || s.entity().equals(entity))
          .filter(s -> layout.isEmpty() || s.reader().layout() == layout.get())
          .map(Schedules::id)
          .toList();
    }
    List<String> selected = new ArrayList<>();
    for (String id : node.strings("sources")) {
      try {
        selected.add(id(pipelines.source(id)));
      } catch (BluelampException e) {
        throw node.error("sources", e.getMessage(), "name sources as <force>/<system>");
      }
    }
    return selected;
  }

  /**
   * A schedule's models: those named, or {@code downstream}: every model reading a silver entity
   * the sources reach, and the models reading those, except models a schedule names.
   */
  private static List<String> models(
      YamlNode node,
      List<String> sources,
      Pipelines pipelines,
      List<GoldModel> models,
      Set<String> named) {
    List<String> given = node.strings("models");
    if (!given.equals(List.of(DOWNSTREAM))) {
      return given;
    }
    if (!node.has("sources")) {
      throw node.error("models", "'downstream' needs 'sources'", "name the models instead");
    }
    // Every silver run also rebuilds the data-quality issues of the forces it covers.
    Set<String> reached =
        new TreeSet<>(pipelines.reachedBy(sources.stream().map(pipelines::source).toList()));
    reached.add(Tables.DQ_ISSUE.table());
    Set<String> selected = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (GoldModel model : models) {
        if (!selected.contains(model.name())
            && (intersects(model.silverReads(), reached)
                || intersects(model.dependsOn(), selected))) {
          grew = selected.add(model.name());
        }
      }
    }
    return models.stream()
        .map(GoldModel::name)
        .filter(selected::contains)
        .filter(m -> !named.contains(m))
        .toList();
  }

  private static boolean intersects(Collection<String> a, Collection<String> b) {
    return a.stream().anyMatch(b::contains);
  }

  /** A source as schedules name it: {@code <force>/<system>}. */
  public static String id(SourceContract source) {
    return source.force() + "/" + source.system();
  }

  private static String setting(YamlNode node, YamlNode defaults, String key) {
    return node.optionalString(key).orElseGet(() -> defaults.string(key));
  }

  private static int integerSetting(
      YamlNode node, YamlNode defaults, String key, int min, int max) {
    return integer(node.has(key) ? node : defaults, key, min, max);
  }

  private static int integer(YamlNode node, String key, int min, int max) {
    double value = node.number(key);
    if (value != Math.rint(value) || value < min || value > max) {
      throw node.error(key, "expected a whole number from " + min + " to " + max, "fix the value");
    }
    return (int) value;
  }

  private static LocalTime time(YamlNode node, String text) {
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw node.error(
          "deadline", "'" + text + "' is not a time of day", "write HH:MM, e.g. 07:00");
    }
  }

  private static String zone(YamlNode node, String zone) {
    try {
      return ZoneId.of(zone).getId();
    } catch (DateTimeException e) {
      throw node.error("timezone", "unknown time zone '" + zone + "'", "e.g. Europe/London");
    }
  }

  /** Every schedule, in file order. */
  public List<Schedule> all() {
    return order.stream().map(schedules::get).toList();
  }

  public Schedule get(String name) {
    Schedule schedule = schedules.get(name);
    if (schedule == null) {
      throw Errors.usage(
          "Unknown schedule '" + name + "'", "use one of " + order + " (pipelines/schedules.yaml)");
    }
    return schedule;
  }
}
