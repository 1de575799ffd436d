package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

/**
 * A quality rule: a SQL boolean over the typed columns that every record should satisfy. A record
 * for which it is false or NULL has failed it. Its {@code category} files its failures in the
 * coding-error report ({@code gold.dq_coding_errors}).
 */
public record RuleSpec(String name, String check, Action action, String category) {
  /** The category of a rule that declares none. */
  public static final String DEFAULT_CATEGORY = "rule_violation";

  public RuleSpec {
    requireNonNull(name, "name");
    requireNonNull(check, "check");
    requireNonNull(action, "action");
    requireNonNull(category, "category");
  }
}
