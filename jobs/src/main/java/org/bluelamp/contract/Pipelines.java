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
    List<SourceContract> sources = new ArrayList<>();
    ContractParser parser = new ContractParser(root, forces, entities);
    for (Path file : yamlFiles(root.resolve("sources"))) {
      sources.add(parser.source(YamlNode.read(file)));
    }
    sources.sort(Comparator.comparing(SourceContract::id));
    return new Pipelines(root, forces, entities, sources);
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
   * joined to areas, and the entities it reads.
   */
  public List<EntitySpec> upstream(EntitySpec entity) {
    List<EntitySpec> upstream = new ArrayList<>();
    if (!entity.areas().isEmpty()) {
      entities.values().stream()
          .filter(e -> e.geometry() == EntitySpec.EntityGeometry.AREA)
          .forEach(upstream::add);
    }
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
