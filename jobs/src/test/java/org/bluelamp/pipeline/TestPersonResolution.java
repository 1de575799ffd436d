package org.bluelamp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.TableName;
import org.bluelamp.resolve.PersonResolution;
import org.bluelamp.resolve.ResolutionReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gold.person_link of the shared sample world against the identities the generator planted behind
 * every person record (truth/*-identities.csv): the pairs of mentions it puts together, and the
 * planted variations (other spellings, day and month swapped) found again.
 */
class TestPersonResolution {
  private static final SparkSession SPARK = SharedSpark.session();
  private static SampleWorld world;

  @BeforeAll
  static void world() {
    world = SampleWorld.get();
    for (String entity :
        List.of("person_record", "stop", "custody", "intelligence", "safeguarding_link")) {
      world.lake.read(new TableName("silver", entity)).createOrReplaceTempView(entity);
    }
    world.lake.read(PersonResolution.LINK).createOrReplaceTempView("person_link");
    SPARK
        .read()
        .option("header", "true")
        .csv(world.dir.resolve("truth").resolve("*-identities.csv").toString())
        .createOrReplaceTempView("identities");
    // Each mention with its details as the source recorded them, its planted identity and the
    // entity the resolution gave it; names compared here only lower-cased and trimmed.
    SPARK
        .sql(
            """
            WITH details AS (
              SELECT _source, person_record_id AS record, 'person_record:' || person_record_id AS m,
                     forename AS f, surname AS s, dob AS d FROM person_record
              UNION ALL SELECT _source, stop_id, 'stop:' || stop_id, forename, surname, dob FROM stop
              UNION ALL SELECT _source, custody_id, 'custody:' || custody_id, forename, surname, dob
                        FROM custody
              UNION ALL SELECT _source, intel_id, 'intelligence:' || intel_id, forename, surname, dob
                        FROM intelligence
              UNION ALL SELECT _source, link_id, 'safeguarding_link:' || link_id || ':child',
                        child_forename, child_surname, child_dob FROM safeguarding_link)
            SELECT d.m, lower(trim(d.f)) AS f, lower(trim(d.s)) AS s, d.d, i.identity, l.person_id
            FROM details d
            JOIN identities i ON i.source = d._source AND i.key = d.record
            JOIN person_link l ON l.mention_id = d.m
            """)
        .createOrReplaceTempView("planted");
  }

  /** Pairs of mentions of one planted person meeting {@code condition}: [pairs, together]. */
  private static long[] pairs(String condition) {
    Row row =
        SPARK
            .sql(
                "SELECT count(*), coalesce(sum(CASE WHEN a.person_id = b.person_id THEN 1 END), 0)"
                    + " FROM planted a JOIN planted b ON a.identity = b.identity AND a.m < b.m"
                    + " WHERE "
                    + condition)
            .first();
    return new long[] {row.getLong(0), row.getLong(1)};
  }

  @Test
  void mentionsOfDifferentPlantedPeopleAreAlmostNeverOneEntity() {
    ResolutionReport.Result result =
        ResolutionReport.evaluate(
            world.lake, world.dir.resolve("truth"), ResolutionReport.Kind.PERSONS);
    System.out.print(ResolutionReport.markdown(result));
    assertThat(result.scores())
        .extracting(ResolutionReport.Score::force)
        .containsExactly("belgium", "england", "lebanon");
    assertThat(result.scores())
        .allSatisfy(
            score -> assertThat(score.precision()).as(score.force()).isGreaterThanOrEqualTo(0.995));
    assertThat(result.scores().stream().mapToLong(ResolutionReport.Score::predictedPairs).sum())
        .isPositive();
  }

  @Test
  void theSameNamesAndDateOfBirthAreAlwaysOnePerson() {
    long[] same = pairs("a.f = b.f AND a.s = b.s AND a.d = b.d");
    assertThat(same[0]).isPositive();
    assertThat(same[1]).isEqualTo(same[0]);
  }

  @Test
  void plantedSpellingVariantsAndSwappedDatesAreFoundAgain() {
    long[] spelled = pairs("(a.f <> b.f OR a.s <> b.s) AND a.d = b.d");
    long[] swapped =
        pairs(
            "a.f = b.f AND a.s = b.s AND a.d <> b.d AND year(a.d) = year(b.d)"
                + " AND month(a.d) = day(b.d) AND day(a.d) = month(b.d)");
    assertThat(spelled[0]).isPositive();
    assertThat((double) spelled[1] / spelled[0]).isGreaterThanOrEqualTo(0.99);
    assertThat(swapped[1]).isEqualTo(swapped[0]);
  }

  @Test
  void everyLinkSaysWhy() {
    // A mention with no explanation of its own is one the others of its entity point to.
    Row row =
        SPARK
            .sql(
                "SELECT count_if(linked_mention_id IS NOT NULL),"
                    + " count_if(linked_mention_id IS NOT NULL AND agreement IS NOT NULL),"
                    + " count_if(match_weight IS NOT NULL AND match_probability < 0.99)"
                    + " FROM person_link")
            .first();
    long unexplained =
        SPARK
            .sql(
                "SELECT l.mention_id FROM person_link l JOIN person_link o"
                    + " ON o.person_id = l.person_id AND o.mention_id <> l.mention_id"
                    + " WHERE l.linked_mention_id IS NULL"
                    + " AND (o.linked_mention_id IS NULL OR o.linked_mention_id <> l.mention_id)")
            .count();
    assertThat(unexplained).isZero();
    assertThat(row.getLong(0)).isPositive();
    assertThat(row.getLong(1)).isEqualTo(row.getLong(0));
    assertThat(row.getLong(2)).isZero();
  }
}
