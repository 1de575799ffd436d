package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/** A data interval of whole local days, {@code [from, to)}: what one job run is responsible for. */
public record Interval(LocalDate from, LocalDate to) {
  public Interval {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("interval end " + to + " must be after its start " + from);
    }
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && day.isBefore(to);
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
