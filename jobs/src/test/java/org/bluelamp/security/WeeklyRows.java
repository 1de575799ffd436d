package org.bluelamp.security;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Rows of the mayor's weekly layout written by hand, for the gate's and the attacks' tests. */
final class WeeklyRows {
  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 16);

  private WeeklyRows() {}

  /**
   * A burglary row of area {@code area} (a ward W..., or the force) in week {@code week} after
   * 2026-03-16; its average and last year's count say nothing unless {@code more} gives them.
   */
  static Map<String, String> row(String area, int week, String count, String... more) {
    Map<String, String> row = new HashMap<>();
    row.put("force_id", "england");
    row.put("area_type", area.startsWith("W") ? "ward" : "force");
    row.put("area_id", area);
    row.put("measure_group", "crime");
    row.put("measure", "burglary");
    row.put("week_start", MONDAY.plusWeeks(week).toString());
    row.put("this_week", count);
    row.put("same_week_last_year", "0");
    row.put("preceding_4_weeks_avg", "[c]");
    for (int i = 0; i < more.length; i += 2) {
      row.put(more[i], more[i + 1]);
    }
    return row;
  }
}
