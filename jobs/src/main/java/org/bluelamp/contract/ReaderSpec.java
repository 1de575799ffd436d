package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/** Where a source's files are under the landing root and how to read them. */
public record ReaderSpec(
    ReaderKind kind,
    String path,
    String glob,
    Layout layout,
    Map<String, String> options,
    List<FixedField> fields) {
  public ReaderSpec {
    requireNonNull(kind, "kind");
    requireNonNull(path, "path");
    requireNonNull(glob, "glob");
    requireNonNull(layout, "layout");
    options = Map.copyOf(options);
    fields = List.copyOf(fields);
  }

  /** A column of a fixed-width layout: characters {@code start} (1-based) to start+length-1. */
  public record FixedField(String name, int start, int length) implements java.io.Serializable {}

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  public Charset encoding() {
    return Charset.forName(option("encoding", "UTF-8"));
  }
}
