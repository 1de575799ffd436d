package org.bluelamp.quality;

import java.util.ArrayList;
import java.util.List;
import org.bluelamp.contract.Action;
import org.bluelamp.contract.BuiltInRule;
import org.bluelamp.contract.CodeListSpec;
import org.bluelamp.contract.ColumnSpec;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.RuleSpec;
import org.bluelamp.contract.SourceContract;

/**
 * Every check a source's records go through, by the name its failures carry: the engine's built-in
 * checks for the contract's columns, code lists and location, and the contract's own rules, each
 * with its coding-error category. {@code ops.rule_catalog} holds it for all sources.
 */
public final class RuleCatalog {
  /** One check of one source. */
  public record Entry(String rule, String category, Action action, String description) {}

  private RuleCatalog() {}

  public static List<Entry> of(SourceContract contract) {
    List<Entry> entries = new ArrayList<>();
    entries.add(builtIn(BuiltInRule.MALFORMED, null, "the record could not be read"));
    entries.add(
        builtIn(BuiltInRule.DUPLICATE, null, "the same key and sequence arrived more than once"));
    for (ColumnSpec column : contract.columns()) {
      if (column.isConstant()) {
        continue;
      }
      if (column.type() != ColumnType.STRING) {
        entries.add(
            builtIn(
                BuiltInRule.PARSE,
                column.name(),
                "'" + column.from() + "' must be a valid " + column.type().sparkType()));
      }
      if (column.required()) {
        entries.add(
            builtIn(
                BuiltInRule.REQUIRED, column.name(), "'" + column.from() + "' must not be empty"));
      }
    }
    for (CodeListSpec list : contract.codeLists()) {
      entries.add(
          new Entry(
              list.ruleName(),
              BuiltInRule.CODE_LIST.category(),
              list.onUnknown(),
              "'" + list.column() + "' must be a code of " + list.list()));
    }
    contract
        .geometry()
        .ifPresent(
            g -> {
              entries.add(builtIn(BuiltInRule.MISSING_LOCATION, null, "the record has a location"));
              entries.add(
                  g.isPoint()
                      ? builtIn(BuiltInRule.OUT_OF_AREA, null, "the point lies in the force's area")
                      : builtIn(
                          BuiltInRule.INVALID_GEOMETRY, null, "the geometry is a valid shape"));
            });
    for (RuleSpec rule : contract.rules()) {
      entries.add(new Entry(rule.name(), rule.category(), rule.action(), rule.check()));
    }
    return List.copyOf(entries);
  }

  private static Entry builtIn(BuiltInRule rule, String column, String description) {
    return new Entry(
        column == null ? rule.ruleName() : rule.on(column),
        rule.category(),
        Action.QUARANTINE,
        description);
  }
}
