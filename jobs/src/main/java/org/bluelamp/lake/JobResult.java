package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What one job did to one target table. For ingestion {@code rowsRead == rowsAccepted +
 * rowsQuarantined} always holds; {@code ruleFailures} counts records per failed rule (warnings
 * included).
 */
public record JobResult(
    String job,
    String target,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    long rowsWritten,
    Map<String, Long> ruleFailures) {
  public JobResult {
    requireNonNull(job, "job");
    requireNonNull(target, "target");
    ruleFailures = Map.copyOf(ruleFailures);
  }

  public static JobResult written(String job, String target, long rows) {
    return new JobResult(job, target, rows, rows, 0, rows, Map.of());
  }

  public boolean reconciles() {
    return rowsRead == rowsAccepted + rowsQuarantined;
  }
}
