package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bluelamp.security.WeeklyRows.row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attack suite's hand attacks recover counts from a table made as the mayor's weekly was before
 * disclosure control (only counts of 1 to 4 suppressed, the average over all counts): their power,
 * on rows worked out by hand.
 */
class TestSuppressionAttacks {

  /** What the attacks recover: attack and target, by value. */
  private static Map<String, Long> recovered(List<Map<String, String>> rows) {
    Map<String, Long> found = new HashMap<>();
    new SuppressionAttacks(rows)
        .run(
            (attack, target, value) -> {
              if (value != null) {
                found.put(attack + " " + target, value);
              }
            });
    return found;
  }

  @Test
  void theForceTotalLessTheOtherWardsGivesAWardAway() {
    Map<String, Long> found =
        recovered(
            List.of(
                row("england", 0, "18"),
                row("W1", 0, "[c]"),
                row("W2", 0, "6"),
                row("W3", 0, "9")));
    assertThat(found).containsEntry("totals england|ward|W1|crime|burglary|2026-03-16", 3L);
  }

  @Test
  void theAverageOfTheWeekAfterGivesAWeekAway() {
    // Weeks of 3 (hidden), 10, 10, 10; the next week's average 33 / 4 = 8.25, shown 8.3.
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(row("W1", 0, "[c]"));
    rows.add(row("W1", 1, "10"));
    rows.add(row("W1", 2, "10"));
    rows.add(row("W1", 3, "10"));
    rows.add(row("W1", 4, "7", "preceding_4_weeks_avg", "8.3"));
    assertThat(recovered(rows))
        .containsEntry("average 4 weeks on england|ward|W1|crime|burglary|2026-03-16", 3L);
  }

  @Test
  void aChangeAgainstAShownBaseGivesTheWeekAway() {
    assertThat(
            recovered(
                List.of(
                    row(
                        "W1",
                        0,
                        "[c]",
                        "same_week_last_year",
                        "10",
                        "change_vs_last_year_pct",
                        "-70.0"))))
        .containsEntry("change on last year england|ward|W1|crime|burglary|2026-03-16", 3L);
  }

  @Test
  void lastYearsColumnOfTheWeekAYearOnGivesItAway() {
    assertThat(
            recovered(List.of(row("W1", 0, "[c]"), row("W1", 52, "7", "same_week_last_year", "3"))))
        .containsEntry("last year england|ward|W1|crime|burglary|2026-03-16", 3L);
  }
}
