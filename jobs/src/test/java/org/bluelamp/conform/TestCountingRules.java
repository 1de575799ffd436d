package org.bluelamp.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Golden cases of the counting rules, built by hand after the Home Office Counting Rules' own
 * examples: each case states the crimes recorded and what they must count for.
 */
class TestCountingRules {
  private static final StructType CRIMES =
      new StructType()
          .add("force_id", DataTypes.StringType)
          .add("crime_id", DataTypes.StringType)
          .add("incident_id", DataTypes.StringType)
          .add("local_date", DataTypes.DateType)
          .add("seriousness", DataTypes.IntegerType)
          .add("victims", DataTypes.IntegerType);

  private static final Date MONDAY = Date.valueOf("2026-03-23");
  private static final Date TUESDAY = Date.valueOf("2026-03-24");

  private static Row crime(
      String crime, String incident, Date reported, int seriousness, Integer victims) {
    return RowFactory.create("england", crime, incident, reported, seriousness, victims);
  }

  /** crime_id -> {counted_crimes, principal_crime_id} */
  private static Map<String, Object[]> count(List<Row> crimes) {
    Map<String, Object[]> counted = new HashMap<>();
    CountingRules.apply(SharedSpark.session().createDataFrame(crimes, CRIMES))
        .collectAsList()
        .forEach(
            r ->
                counted.put(
                    r.getAs("crime_id"),
                    new Object[] {r.getAs("counted_crimes"), r.getAs("principal_crime_id")}));
    return counted;
  }

  @Test
  void oneCrimePerVictim() {
    // An assault on two people in one incident: two crimes; a robbery of three: three.
    Map<String, Object[]> counted =
        count(
            List.of(
                crime("CR1", "INC1", MONDAY, 80, 2),
                crime("CR2", "INC2", MONDAY, 85, 3),
                crime("CR3", "INC3", MONDAY, 60, 1)));
    assertThat(counted.get("CR1")[0]).isEqualTo(2);
    assertThat(counted.get("CR2")[0]).isEqualTo(3);
    assertThat(counted.get("CR3")[0]).isEqualTo(1);
  }

  @Test
  void victimlessCrimesCountOnce() {
    // Possession of drugs has no victim (0 or not recorded): it still counts as one crime.
    Map<String, Object[]> counted =
        count(List.of(crime("CR1", "INC1", MONDAY, 15, 0), crime("CR2", null, MONDAY, 15, null)));
    assertThat(counted.get("CR1")[0]).isEqualTo(1);
    assertThat(counted.get("CR2")[0]).isEqualTo(1);
  }

  @Test
  void finishedIncidentWithPrincipalCrime() {
    // A burglary in which the burglar also damages the door, reported in one call: one finished
    // incident, the burglary (more serious) counts, the damage does not.
    Map<String, Object[]> counted =
        count(List.of(crime("CR1", "INC1", MONDAY, 30, 1), crime("CR2", "INC1", MONDAY, 70, 1)));
    assertThat(counted.get("CR2")).containsExactly(1, "CR2");
    assertThat(counted.get("CR1")).containsExactly(0, "CR2");
  }

  @Test
  void principalCrimeKeepsItsVictims() {
    // A robbery of two people with a minor assault in the same incident: the robbery counts, once
    // per victim; the assault is absorbed.
    Map<String, Object[]> counted =
        count(List.of(crime("CR1", "INC1", MONDAY, 85, 2), crime("CR2", "INC1", MONDAY, 60, 1)));
    assertThat(counted.get("CR1")).containsExactly(2, "CR1");
    assertThat(counted.get("CR2")).containsExactly(0, "CR1");
  }

  @Test
  void equallySeriousCrimesCountTheLowestReference() {
    Map<String, Object[]> counted =
        count(List.of(crime("CR9", "INC1", MONDAY, 45, 1), crime("CR3", "INC1", MONDAY, 45, 1)));
    assertThat(counted.get("CR3")).containsExactly(1, "CR3");
    assertThat(counted.get("CR9")).containsExactly(0, "CR3");
  }

  @Test
  void reportsOnDifferentDaysAreDifferentIncidents() {
    // The same incident reference reported again the next day is a new report: both count.
    Map<String, Object[]> counted =
        count(List.of(crime("CR1", "INC1", MONDAY, 45, 1), crime("CR2", "INC1", TUESDAY, 30, 1)));
    assertThat(counted.get("CR1")[0]).isEqualTo(1);
    assertThat(counted.get("CR2")[0]).isEqualTo(1);
  }

  @Test
  void crimesWithoutAnIncidentStandAlone() {
    Map<String, Object[]> counted =
        count(List.of(crime("CR1", null, MONDAY, 45, 1), crime("CR2", null, MONDAY, 70, 1)));
    assertThat(counted.get("CR1")).containsExactly(1, "CR1");
    assertThat(counted.get("CR2")).containsExactly(1, "CR2");
  }

  @Test
  void forcesNeverShareAnIncident() {
    Row english = crime("CR1", "INC1", MONDAY, 45, 1);
    Row belgian = RowFactory.create("belgium", "CR2", "INC1", MONDAY, 70, 1);
    Map<String, Object[]> counted = count(List.of(english, belgian));
    assertThat(counted.get("CR1")[0]).isEqualTo(1);
    assertThat(counted.get("CR2")[0]).isEqualTo(1);
  }
}
