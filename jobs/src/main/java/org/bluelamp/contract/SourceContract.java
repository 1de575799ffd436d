package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A source system declared in {@code pipelines/sources/<force>/<system>.yaml}: how to read it, its
 * keys and sequence, column mapping and types, code lists, location, PII and quality rules, and the
 * column naming the service (station, unit, issuing service) that sent each record, to whom its
 * coding errors are reported.
 */
public record SourceContract(
    Path file,
    String force,
    String system,
    String description,
    Optional<String> entity,
    ReaderSpec reader,
    List<String> key,
    Optional<String> sequence,
    List<ColumnSpec> columns,
    List<CodeListSpec> codeLists,
    Optional<GeometrySpec> geometry,
    List<String> pii,
    List<RuleSpec> rules,
    Optional<String> service) {
  public SourceContract {
    requireNonNull(file, "file");
    requireNonNull(force, "force");
    requireNonNull(system, "system");
    requireNonNull(description, "description");
    requireNonNull(entity, "entity");
    requireNonNull(reader, "reader");
    key = List.copyOf(key);
    requireNonNull(sequence, "sequence");
    columns = List.copyOf(columns);
    codeLists = List.copyOf(codeLists);
    requireNonNull(geometry, "geometry");
    pii = List.copyOf(pii);
    rules = List.copyOf(rules);
    requireNonNull(service, "service");
  }

  /** The source's id, also its bronze table's name: {@code <force>__<system>}. */
  public String id() {
    return force + "__" + system;
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The target column names, then the columns code lists add. */
  public List<String> outputColumns() {
    return Stream.concat(
            columns.stream().map(ColumnSpec::name),
            codeLists.stream().flatMap(c -> c.add().values().stream()))
        .toList();
  }

  /** The source-side column names the reader must deliver. */
  public List<String> sourceColumns() {
    return columns.stream().filter(c -> !c.isConstant()).map(ColumnSpec::from).distinct().toList();
  }
}
