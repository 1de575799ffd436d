package org.bluelamp.security;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attacks a reader makes by hand on the suppressed counts of the mayor's weekly table, written
 * apart from the privacy gate: a ward from its force's total less the other wards (or a total from
 * its wards), a week from last year's column of the row a year on, a week from the four-week
 * averages of the four rows after it, a week from its own % changes. Each attempt is reported with
 * the value it recovers (null when the attack needs a value the table hides).
 */
final class SuppressionAttacks {
  static final String SUPPRESSED = "[c]";

  private final Map<String, Map<String, String>> byKey = new HashMap<>();
  private final Map<String, List<Map<String, String>>> byGroup = new HashMap<>();

  /** Rows by column: the cell columns, week_start (yyyy-mm-dd) and the measures, as text. */
  SuppressionAttacks(List<Map<String, String>> rows) {
    for (Map<String, String> row : rows) {
      byKey.put(key(row, 0), row);
      byGroup.computeIfAbsent(group(row), g -> new ArrayList<>()).add(row);
    }
  }

  static String key(Map<String, String> row, int days) {
    return cell(row) + "|" + LocalDate.parse(row.get("week_start")).plusDays(days);
  }

  private static String cell(Map<String, String> row) {
    return String.join(
        "|",
        row.get("force_id"),
        row.get("area_type"),
        row.get("area_id"),
        row.get("measure_group"),
        row.get("measure"));
  }

  private static String group(Map<String, String> row) {
    return String.join(
        "|",
        row.get("force_id"),
        row.get("measure_group"),
        row.get("measure"),
        row.get("week_start"));
  }

  private static Double number(String value) {
    return value == null || value.equals(SUPPRESSED) ? null : Double.valueOf(value);
  }

  /** A count as the table shows it: a row's own, 0 for a row it does not list, null if hidden. */
  private Double count(String key) {
    Map<String, String> row = byKey.get(key);
    return row == null ? Double.valueOf(0) : number(row.get("this_week"));
  }

  /** One attempt: the attack, the key of the count it targets, the value it gives (or null). */
  interface Attempt {
    void accept(String attack, String target, Long value);
  }

  /** Runs every attack on every suppressed this_week. */
  void run(Attempt attempt) {
    for (Map<String, String> row : byKey.values()) {
      if (!SUPPRESSED.equals(row.get("this_week"))) {
        continue;
      }
      String target = key(row, 0);
      attempt.accept("totals", target, round(fromTotals(row)));
      Map<String, String> yearOn = byKey.get(key(row, 364));
      attempt.accept(
          "last year",
          target,
          round(yearOn == null ? null : number(yearOn.get("same_week_last_year"))));
      for (int k = 1; k <= 4; k++) {
        attempt.accept("average " + k + " weeks on", target, round(fromAverage(row, k)));
      }
      attempt.accept(
          "change",
          target,
          round(
              fromChange(
                  number(row.get("preceding_4_weeks_avg")),
                  number(row.get("change_vs_4_weeks_pct")))));
      attempt.accept(
          "change on last year",
          target,
          round(
              fromChange(
                  number(row.get("same_week_last_year")),
                  number(row.get("change_vs_last_year_pct")))));
    }
  }

  private static Long round(Double value) {
    return value == null ? null : Math.round(value);
  }

  /** A ward: the force's total less every other ward; the force: the sum of its wards. */
  private Double fromTotals(Map<String, String> row) {
    boolean ward = row.get("area_type").equals("ward");
    double sum = 0;
    Double total = null;
    for (Map<String, String> other : byGroup.get(group(row))) {
      if (other == row) {
        continue;
      }
      Double value = number(other.get("this_week"));
      if (other.get("area_type").equals("force")) {
        total = value;
      } else if (value == null) {
        return null;
      } else {
        sum += value;
      }
    }
    if (!ward) {
      return sum;
    }
    return total == null ? null : total - sum;
  }

  /** From the row k weeks on: 4 x its average less the three other weeks it averages. */
  private Double fromAverage(Map<String, String> row, int k) {
    Map<String, String> on = byKey.get(key(row, 7 * k));
    Double average = on == null ? null : number(on.get("preceding_4_weeks_avg"));
    if (average == null) {
      return null;
    }
    double rest = 4 * average;
    for (int week = k - 4; week <= k - 1; week++) {
      if (week == 0) {
        continue;
      }
      Double value = count(key(row, 7 * week));
      if (value == null) {
        return null;
      }
      rest -= value;
    }
    return rest;
  }

  private static Double fromChange(Double base, Double percent) {
    return base == null || percent == null ? null : base * (1 + percent / 100);
  }
}
