package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

/**
 * A quality rule: a SQL boolean over the typed columns that every record should satisfy. A record
 * for which it is false or NULL has failed it.
 */
public record RuleSpec(String name, String check, Action action) {
  public RuleSpec {
    requireNonNull(name, "name");
    requireNonNull(check, "check");
    requireNonNull(action, "action");
  }
}
