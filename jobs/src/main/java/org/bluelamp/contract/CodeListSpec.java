package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A lookup of {@code column} in the code list {@code pipelines/code_lists/<list>.csv}; {@code add}
 * copies list columns onto the record (list column -> target column).
 */
public record CodeListSpec(String column, String list, Action onUnknown, Map<String, String> add) {
  public CodeListSpec {
    requireNonNull(column, "column");
    requireNonNull(list, "list");
    requireNonNull(onUnknown, "onUnknown");
    add = Map.copyOf(add);
  }

  public String ruleName() {
    return BuiltInRule.CODE_LIST.on(column);
  }
}
