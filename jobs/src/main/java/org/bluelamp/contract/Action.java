package org.bluelamp.contract;

/**
 * What a failed quality rule does to its record (the expectation actions of declarative pipelines).
 */
public enum Action {
  /** Keep the record, count the failure in the run's rule metrics. */
  WARN,
  /** Divert the record to quarantine with the rule as its reason. */
  QUARANTINE,
  /** Fail the whole batch, naming the first failing record. */
  FAIL
}
