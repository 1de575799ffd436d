package org.bluelamp.contract;

import java.util.Set;

/** The file formats the engine reads, each with the reader options it accepts. */
public enum ReaderKind {
  CSV(Set.of("delimiter", "quote", "escape", "encoding", "header")),
  JSONL(Set.of("encoding")),
  GEOJSON(Set.of("encoding"));

  private final Set<String> options;

  ReaderKind(Set<String> options) {
    this.options = options;
  }

  public Set<String> options() {
    return options;
  }
}
