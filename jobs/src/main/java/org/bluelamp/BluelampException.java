package org.bluelamp;

import static java.util.Objects.requireNonNull;

/**
 * An error a data engineer can act on: what failed, why, and what to do. Built only through {@link
 * Errors}, so that every message keeps the same three parts.
 */
public final class BluelampException extends RuntimeException {
  private final String problem;
  private final String fix;

  BluelampException(String problem, String reason, String fix, Throwable cause) {
    super(problem + (reason.isEmpty() ? "" : "\n  why: " + reason) + "\n  fix: " + fix, cause);
    this.problem = requireNonNull(problem, "problem");
    this.fix = requireNonNull(fix, "fix");
  }

  public String problem() {
    return problem;
  }

  public String fix() {
    return fix;
  }
}
