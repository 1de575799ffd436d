package org.bluelamp.lake;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

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

  /** Consecutive intervals of {@code step} covering this one, the last cut at its end. */
  public List<Interval> split(Period step) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("a backfill step must be positive: " + step);
    }
    List<Interval> parts = new ArrayList<>();
    for (LocalDate start = from; start.isBefore(to); start = start.plus(step)) {
      LocalDate end = start.plus(step);
      parts.add(new Interval(start, end.isAfter(to) ? to : end));
    }
    return List.copyOf(parts);
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
