package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bluelamp.Errors;
import org.bluelamp.config.YamlNode;

/**
 * Everything declared under {@code pipelines/}: forces, silver entities, source contracts and code
 * lists, loaded and cross-checked together so that one bad file stops nothing silently.
 */
public record Pipelines(
    Path root,
    Map<String, Force> forces,
    Map<String, EntitySpec> entities,
    List<SourceContract> sources) {
  public Pipelines {
    requireNonNull(root, "root");
    forces = Map.copyOf(forces);
    entities = Map.copyOf(entities);
    sources = List.copyOf(sources);
  }

  public static Pipelines load(Path root) {
    if (!Files.isDirectory(root.resolve("sources"))) {
      throw Errors.usage(
          "No pipeline declarations at " + root.toAbsolutePath(),
          "run from the repository root, or pass --pipelines <dir> (the folder holding sources/)");
    }
    Map<String, Force> forces = new TreeMap<>();
    for (Path file : yamlFiles(root.resolve("forces"))) {
      Force force = ContractParser.force(YamlNode.read(file));
      forces.put(force.id(), force);
    }
    Map<String, EntitySpec> entities = new TreeMap<>();
    for (Path file : yamlFiles(root.resolve("entities"))) {
      EntitySpec entity = ContractParser.entity(YamlNode.read(file));
      entities.put(entity.name(), entity);
    }
    for (EntitySpec entity : entities.values()) {
      for (String read : entity.reads()) {
        if (!entities.containsKey(read) || read.equals(entity.name())) {
          throw Errors.contract(
              entity.file(),
              "reads",
              "'" + read + "' is not another declared entity",
              "name entities of pipelines/entities/: " + entities.keySet());
        }
      }
    }
    entities.values().forEach(entity -> checkNearest(entity, entities));
    List<SourceContract> sources = new ArrayList<>();
    ContractParser parser = new ContractParser(root, forces, entities);
    for (Path file : yamlFiles(root.resolve("sources"))) {
      sources.add(parser.source(YamlNode.read(file)));
    }
    sources.sort(Comparator.comparing(SourceContract::id));
    return new Pipelines(root, forces, entities, sources);
  }

  /**
   * An entity's {@code nearest} names line entities identified by {@code <name>_id} with a {@code
   * <name>_name}, and only a point entity is snapped to lines.
   */
  private static void checkNearest(EntitySpec entity, Map<String, EntitySpec> entities) {
    for (String name : entity.nearest()) {
      EntitySpec line = entities.get(name);
      if (line == null || line.geometry() != EntitySpec.EntityGeometry.LINE) {
        throw Errors.contract(
            entity.file(),
            "nearest",
            "'" + name + "' is not a declared entity with geometry: line",
            "name line entities of pipelines/entities/ (e.g. street)");
      }
      if (!line.key().equals(List.of(line.idColumn()))
          || line.columns().stream().noneMatch(c -> c.name().equals(line.nameColumn()))) {
        throw Errors.contract(
            line.file(),
            "key",
            "a line entity others are snapped to needs key ["
                + line.idColumn()
                + "] and a column "
                + line.nameColumn(),
            "rename its key and name columns so");
      }
      if (entity.geometry() != EntitySpec.EntityGeometry.POINT) {
        throw Errors.contract(
            entity.file(),
            "nearest",
            "only records located at a point are snapped to the nearest " + name,
            "drop nearest, or declare geometry: point");
      }
    }
  }

  public Force force(String id) {
    Force force = forces.get(id);
    if (force == null) {
      throw Errors.usage(
          "Unknown force '" + id + "'", "use one of " + forces.keySet() + " (pipelines/forces/)");
    }
    return force;
  }

  public SourceContract source(String id) {
    return sources.stream()
        .filter(s -> s.id().equals(id) || (s.force() + "/" + s.system()).equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                Errors.usage(
                    "Unknown source '" + id + "'",
                    "use <force>/<system>, one of "
                        + sources.stream().map(s -> s.force() + "/" + s.system()).toList()));
  }

  public List<SourceContract> feeding(String entity) {
    return sources.stream().filter(s -> s.entity().equals(Optional.of(entity))).toList();
  }

  /**
   * The entities that must be built before {@code entity}: the area entities when its records are
   * joined to areas, the line entities they are snapped to, and the entities it reads.
   */
  public List<EntitySpec> upstream(EntitySpec entity) {
    List<EntitySpec> upstream = new ArrayList<>();
    if (!entity.areas().isEmpty()) {
      entities.values().stream()
          .filter(e -> e.geometry() == EntitySpec.EntityGeometry.AREA)
          .forEach(upstream::add);
    }
    entity.nearest().stream().map(entities::get).forEach(upstream::add);
    entity.reads().stream().map(entities::get).forEach(upstream::add);
    return List.copyOf(upstream);
  }

  /**
   * The entities new data in these sources reaches: those the sources feed and, transitively, those
   * built from them (an entity located in areas is rebuilt when the areas change).
   */
  public Set<String> reachedBy(Collection<SourceContract> sources) {
    Set<String> reached = new TreeSet<>();
    sources.forEach(s -> s.entity().ifPresent(reached::add));
    boolean grew = !reached.isEmpty();
    while (grew) {
      grew = false;
      for (EntitySpec entity : entities.values()) {
        if (!reached.contains(entity.name())
            && upstream(entity).stream().anyMatch(u -> reached.contains(u.name()))) {
          grew = reached.add(entity.name());
        }
      }
    }
    return reached;
  }

  public Path codeListFile(String list) {
    return root.resolve("code_lists").resolve(list + ".csv");
  }

  static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw Errors.io("list " + dir, e);
    }
  }
}
