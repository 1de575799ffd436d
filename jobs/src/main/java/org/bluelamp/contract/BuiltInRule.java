package org.bluelamp.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * The checks the ingestion engine applies to every record without a contract rule, with the name a
 * failure carries and the coding-error category it is reported under. A column check's name is
 * {@code <prefix>:<column>}.
 */
public enum BuiltInRule {
  MALFORMED("malformed_record", "malformed_record"),
  DUPLICATE("duplicate_record", "duplicate"),
  PARSE("parse:", "invalid_value"),
  REQUIRED("required:", "missing_mandatory"),
  CODE_LIST("code_list:", "invalid_code"),
  MISSING_LOCATION("missing_location", "missing_location"),
  OUT_OF_AREA("out_of_area", "outside_force_area"),
  INVALID_GEOMETRY("invalid_geometry", "invalid_geometry");

  private final String name;
  private final String category;

  BuiltInRule(String name, String category) {
    this.name = name;
    this.category = category;
  }

  /** The rule's name, or for a column check the prefix its names start with. */
  public String ruleName() {
    return name;
  }

  /** The failure name of a column check on {@code column}. */
  public String on(String column) {
    if (!name.endsWith(":")) {
      throw new IllegalStateException(this + " is not a column check");
    }
    return name + column;
  }

  public String category() {
    return category;
  }

  /** The built-in rule a failure name belongs to, if it is one. */
  public static Optional<BuiltInRule> of(String failureName) {
    return Arrays.stream(values())
        .filter(
            r -> r.name.endsWith(":") ? failureName.startsWith(r.name) : failureName.equals(r.name))
        .findFirst();
  }
}
