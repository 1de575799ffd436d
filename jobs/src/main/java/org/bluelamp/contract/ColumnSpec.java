package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One target column: read from source column {@code from} (or set to a constant {@code value}),
 * cast to {@code type}. Temporal columns take a {@code format}; timestamps are read in {@code zone}
 * and stored in UTC; numbers may use a decimal comma.
 */
public record ColumnSpec(
    String name,
    String from,
    ColumnType type,
    Optional<String> format,
    Optional<String> zone,
    char decimalSeparator,
    boolean required,
    Optional<String> value) {
  public ColumnSpec {
    requireNonNull(name, "name");
    requireNonNull(from, "from");
    requireNonNull(type, "type");
    requireNonNull(format, "format");
    requireNonNull(zone, "zone");
    requireNonNull(value, "value");
  }

  public boolean isConstant() {
    return value.isPresent();
  }
}
