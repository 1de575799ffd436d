package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bluelamp.resolve.GuardedClustering.Assignment;
import org.junit.jupiter.api.Test;

class TestGuardedClustering {
  private static final Names NAMES = new Names(Map.of("will", "william"));
  private static final int[] LEVELS = Linkage.levels();

  /**
   * A model where names and dates of birth are strong evidence, a different year very strong; an
   * exact Arabic-script name weighs +10 bits, as in the sample world (two profiles in Arabic script
   * compare on it alone, their Latin names left out).
   */
  private static final FellegiSunter MODEL =
      new FellegiSunter(
          0.001,
          new double[][] {
            {0.01, 0.04, 0.15, 0.80},
            {0.01, 0.04, 0.15, 0.80},
            {0.05, 0.05, 0.90},
            {0.0001, 0.0499, 0.05, 0.90},
            {0.40, 0.05, 0.55},
            {0.05, 0.95}
          },
          new double[][] {
            {0.90, 0.01, 0.03, 0.06},
            {0.90, 0.01, 0.03, 0.06},
            {0.9892, 0.01, 0.0008},
            {0.98, 0.0199, 0.00005, 0.00005},
            {0.995, 0.001, 0.004},
            {0.999999, 0.000001}
          },
          0);

  private static final double LINK = FellegiSunter.weightOf(0.99);
  private static final double GUARD = FellegiSunter.weightOf(0.001) - 3;

  private static Profile person(String forename, String surname, String dob, String phone) {
    return Profile.of(
        NAMES,
        forename,
        surname,
        null,
        dob == null ? null : LocalDate.parse(dob),
        null,
        phone,
        null,
        null);
  }

  private static List<Integer> clusters(List<Profile> profiles) {
    return GuardedClustering.cluster(profiles, MODEL, LINK, GUARD).stream()
        .map(Assignment::cluster)
        .toList();
  }

  @Test
  void aChainThroughAWeakMiddleRecordDoesNotJoinTwoPeople() {
    // A and C are two Jack Taylors born twenty years apart. B, without a date of birth, shares a
    // phone with A and an Arabic-script name and an address with C: B links to each of them, but
    // A and C must not end up in one entity through B.
    Profile a =
        Profile.of(
            NAMES, "Jack", "Taylor", null, date("1960-04-01"), null, "07700 900001", null, null);
    Profile b =
        Profile.of(
            NAMES, "Jack", "Taylor", "جاك تايلور", null, "3 Mill Road", "07700 900001", null, null);
    Profile c =
        Profile.of(
            NAMES,
            "Jack",
            "Taylor",
            "جاك تايلور",
            date("1980-09-12"),
            "3 Mill Road",
            null,
            null,
            null);
    assertThat(MODEL.weight(Comparison.levels(a, b))).isGreaterThan(LINK);
    assertThat(MODEL.weight(Comparison.levels(b, c))).isGreaterThan(LINK);
    assertThat(MODEL.weight(Comparison.levels(a, c))).isLessThan(GUARD);
    List<Integer> clusters = clusters(List.of(a, b, c));
    assertThat(clusters.get(0)).isNotEqualTo(clusters.get(2));
    assertThat(clusters.get(1)).isIn(clusters.get(0), clusters.get(2));
  }

  @Test
  void withoutTheContradictionTheChainIsOnePerson() {
    Profile a =
        Profile.of(
            NAMES, "Jack", "Taylor", null, date("1960-04-01"), null, "07700 900001", null, null);
    Profile b =
        Profile.of(
            NAMES, "Jack", "Taylor", "جاك تايلور", null, "3 Mill Road", "07700 900001", null, null);
    Profile c =
        Profile.of(
            NAMES,
            "Jack",
            "Taylor",
            "جاك تايلور",
            date("1960-04-01"),
            "3 Mill Road",
            null,
            null,
            null);
    assertThat(clusters(List.of(a, b, c))).containsOnly(0);
  }

  private static LocalDate date(String text) {
    return LocalDate.parse(text);
  }

  @Test
  void spellingVariantsOfOnePersonFormOneCluster() {
    List<Profile> variants =
        List.of(
            person("William", "Khan", "2002-01-01", "07700 9889073"),
            person("Will", "KHAN", "2002-01-01", null),
            person("Wiliam", "Khan", "2002-01-01", "07700 9889073"),
            person(null, null, null, "07700 9889073"),
            person("William", "Khan", null, "07700 9889073"));
    assertThat(clusters(variants)).containsOnly(0);
  }

  @Test
  void everyProfileSaysWhichLinkHoldsItInItsCluster() {
    Profile a = person("Olivia", "Brown", "1987-10-09", null);
    Profile b = person("Olivia", "BROWN", "1987-10-09", "07700 9440042");
    Profile alone = person("Sarah", "Jones", "1966-07-30", null);
    List<Assignment> assignments =
        GuardedClustering.cluster(List.of(a, b, alone), MODEL, LINK, GUARD);
    assertThat(assignments.get(0).partner()).isEqualTo(1);
    assertThat(assignments.get(0).weight())
        .isEqualTo(
            MODEL.weight(Comparison.levels(a, b)), org.assertj.core.api.Assertions.within(1e-4));
    assertThat(Comparison.explain(assignments.get(0).levels()))
        .contains("dob=exact", "phone=missing");
    assertThat(assignments.get(2).cluster()).isEqualTo(2);
    assertThat(assignments.get(2).partner()).isEqualTo(-1);
  }
}
