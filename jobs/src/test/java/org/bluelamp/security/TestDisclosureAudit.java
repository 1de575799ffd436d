package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bluelamp.security.WeeklyRows.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluelamp.Repository;
import org.bluelamp.gold.Disclosure;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.gold.GoldModels;
import org.junit.jupiter.api.Test;

/**
 * The privacy gate on tables written by hand in the mayor's weekly layout (its declared relations),
 * each hiding a count that a reader works out by hand in the way each test says.
 */
class TestDisclosureAudit {
  private static final Disclosure WEEKLY =
      GoldModels.discover(Repository.sql()).stream()
          .filter(m -> m.name().equals("mayor_weekly"))
          .map(GoldModel::disclosure)
          .findFirst()
          .orElseThrow()
          .orElseThrow();

  private static List<String> audit(List<Map<String, String>> rows) {
    return DisclosureAudit.audit("gold.mayor_weekly", WEEKLY, rows);
  }

  @Test
  void aSuppressedWardFollowsFromTheForceTotalLessTheShownWards() {
    // 18 - 9 - 6 = 3: the first attack, on the old rule (only 1 to 4 suppressed).
    List<String> findings =
        audit(
            List.of(
                row("england", 0, "18"),
                row("W1", 0, "[c]"),
                row("W2", 0, "6"),
                row("W3", 0, "9")));
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0))
        .contains("this_week of (force_id=england, area_type=ward, area_id=W1")
        .contains("week_start=2026-03-16")
        .contains("recovered exactly (3)")
        .contains("the force row less its ward rows");
  }

  @Test
  void aSecondSuppressedWardProtectsTheFirst() {
    // 18 - 9 = W1 + W2, each anywhere from 1 to 8.
    assertThat(
            audit(
                List.of(
                    row("england", 0, "18"),
                    row("W1", 0, "[c]"),
                    row("W2", 0, "[c]"),
                    row("W3", 0, "9"))))
        .isEmpty();
  }

  @Test
  void threeSmallWardsUnderAShownTotalAreNarrowed() {
    // 1 + 1 + 3 = 5: each of the three is at most 3, so the reader learns it is not 4.
    assertThat(
            audit(
                List.of(
                    row("england", 0, "5"),
                    row("W1", 0, "[c]"),
                    row("W2", 0, "[c]"),
                    row("W3", 0, "[c]"))))
        .hasSize(3)
        .allSatisfy(f -> assertThat(f).contains("is narrowed to 1 to 3"));
  }

  @Test
  void aSuppressedWeekFollowsFromTheAverageOfTheFourWeeksAfterIt() {
    // The old average, from the unprotected counts: 4 x 8.3 = 33.2 +- 0.2, less 30 shown: 3.
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(row("W1", 0, "[c]"));
    for (int week = 1; week <= 3; week++) {
      rows.add(row("W1", week, "10"));
    }
    rows.add(row("W1", 4, "10", "preceding_4_weeks_avg", "8.3"));
    List<String> findings = audit(rows);
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0))
        .contains("week_start=2026-03-16)")
        .contains("recovered exactly (3)")
        .contains("preceding_4_weeks_avg of (")
        .contains("week_start=2026-04-13) (8.3)");
  }

  @Test
  void aSuppressedWeekShownAsLastYearsCountOfTheWeekAYearOnIsGivenAway() {
    List<String> findings =
        audit(List.of(row("W1", 0, "[c]"), row("W1", 52, "7", "same_week_last_year", "3")));
    assertThat(findings)
        .singleElement()
        .asString()
        .contains("is shown as 3 in same_week_last_year of (")
        .contains("week_start=2027-03-15)");
  }

  @Test
  void aSuppressedWeekFollowsFromItsChangeAgainstAShownAverage() {
    // -70.0% of an average of 10.0: 3.
    List<String> findings =
        audit(
            List.of(
                row(
                    "W1",
                    4,
                    "[c]",
                    "preceding_4_weeks_avg",
                    "10.0",
                    "change_vs_4_weeks_pct",
                    "-70.0"),
                row("W1", 0, "10"),
                row("W1", 1, "10"),
                row("W1", 2, "10"),
                row("W1", 3, "10")));
    assertThat(findings)
        .singleElement()
        .asString()
        .contains("recovered exactly (3)")
        .contains("change_vs_4_weeks_pct of (");
  }

  @Test
  void averagesAndChangesOfShownCountsOnlyGiveNothingAway() {
    // The protected table: the average is [c] when a week in it is, changes only between shown
    // counts; the suppressed week keeps its whole range.
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(row("W1", 0, "[c]"));
    for (int week = 1; week <= 3; week++) {
      rows.add(row("W1", week, "10"));
    }
    rows.add(row("W1", 4, "12", "preceding_4_weeks_avg", "[c]"));
    rows.add(row("W1", 5, "12", "preceding_4_weeks_avg", "[c]", "change_vs_4_weeks_pct", null));
    assertThat(audit(rows)).isEmpty();
  }
}
