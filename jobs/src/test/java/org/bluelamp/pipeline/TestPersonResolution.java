package org.bluelamp.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.resolve.PersonLinkageSpec;
import org.bluelamp.resolve.ResolutionReport;
import org.bluelamp.synth.Truth;
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
        List.of(
            "person_record",
            "stop",
            "custody",
            "intelligence",
            "safeguarding_link",
            "vehicle_record",
            "crime")) {
      world.lake.read(new TableName("silver", entity)).createOrReplaceTempView(entity);
    }
    world.lake.read(Tables.PERSON_LINK).createOrReplaceTempView("person_link");
    world.registerIdentities();
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

  /**
   * Precision, and recall of the pairs the records' details can link ({@link
   * ResolutionReport.Score#reachablePairs}): the recall over all pairs is bounded by the world's
   * evidence (a caller known by a number no other record carries), not by the model.
   */
  @Test
  void entitiesHoldAlmostNoOtherPersonAndNearlyEveryPairTheDetailsCanLink() {
    ResolutionReport.Result result =
        ResolutionReport.evaluate(
            world.lake, world.pipelines, world.dir.resolve("truth"), ResolutionReport.Kind.PERSONS);
    System.out.print(ResolutionReport.markdown(result));
    assertThat(result.scores())
        .extracting(ResolutionReport.Score::force)
        .containsExactly("belgium", "england", "lebanon");
    assertThat(result.scores())
        .allSatisfy(
            score -> assertThat(score.precision()).as(score.force()).isGreaterThanOrEqualTo(0.995));
    assertThat(result.scores().stream().mapToLong(ResolutionReport.Score::predictedPairs).sum())
        .isPositive();
    assertThat(result.scores())
        .allSatisfy(
            score ->
                assertThat((double) score.correctPairs())
                    .as(score.force() + ": correct pairs against the reachable ones")
                    .isGreaterThanOrEqualTo(0.99 * score.reachablePairs()));
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
  void thePersonPlantedWithFiveSpellingsInSixSystemsIsOnePersonWithAllTheirRecords() {
    Truth.PlantedPerson planted = world.truth("england").plantedPerson();
    assertThat(planted.spellings()).hasSize(5);
    // Their records in the systems that name a person, as the generator wrote them (identities),
    // with the entity each mention was given (null: the record is not a mention).
    List<Row> records =
        new ArrayList<>(
            SPARK
                .sql(
                    "SELECT i.source, i.key, l.person_id FROM identities i"
                        + " LEFT JOIN person_link l ON l._source = i.source AND l.record_id = i.key"
                        + " WHERE i.identity = '"
                        + planted.identity()
                        + "' AND i.source IN (SELECT DISTINCT _source FROM person_link)")
                .collectAsList());
    // A record that is not a mention must be one planted with a defect (quarantined).
    Set<String> defective =
        world.truths.stream()
            .flatMap(truth -> truth.defects().stream())
            .map(defect -> defect.source() + " " + defect.key())
            .collect(Collectors.toSet());
    assertThat(records.stream().filter(row -> row.isNullAt(2)))
        .allSatisfy(
            row -> assertThat(defective).contains(row.getString(0) + " " + row.getString(1)));
    records.removeIf(row -> row.isNullAt(2));
    assertThat(records.stream().map(row -> row.getString(0)).distinct().count())
        .as("systems recording the planted person: %s", records)
        .isGreaterThanOrEqualTo(6);
    assertThat(records.stream().map(row -> row.getString(2)).distinct())
        .as("entities of the planted person's records")
        .hasSize(1);
    // All five spellings are among the names recorded for them, upper-cased surnames as written.
    List<String> written =
        SPARK
            .sql(
                "SELECT concat_ws(' ', forename, surname) FROM ("
                    + " SELECT _source, person_record_id AS record, forename, surname"
                    + " FROM person_record"
                    + " UNION ALL SELECT _source, stop_id, forename, surname FROM stop"
                    + " UNION ALL SELECT _source, custody_id, forename, surname FROM custody"
                    + " UNION ALL SELECT _source, intel_id, forename, surname FROM intelligence"
                    + " UNION ALL SELECT _source, vrm, keeper_forename, keeper_surname"
                    + " FROM vehicle_record) d"
                    + " JOIN identities i ON i.source = d._source AND i.key = d.record"
                    + " WHERE i.identity = '"
                    + planted.identity()
                    + "'")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(written).containsAll(planted.spellings());
    // Their single view: every one of their records and spellings, in each of their roles.
    Row view =
        world
            .lake
            .read(new TableName("gold", "person_view"))
            // The tier of all their records (a report of theirs needs clearance 2).
            .filter(col("person_id").equalTo(records.get(0).getString(2)))
            .filter(col("clearance_until").isNull())
            .first();
    assertThat(view.<Long>getAs("mentions")).isEqualTo((long) records.size());
    assertThat(view.<List<?>>getList(view.fieldIndex("timeline"))).hasSize(records.size());
    assertThat(view.<String>getAs("names_recorded").split("; ")).containsAll(planted.spellings());
    assertThat(view.<String>getAs("roles").split(", "))
        .contains("offender", "arrested", "detained", "stopped", "subject", "keeper", "caller");
  }

  /**
   * The planted person's harm: the crimes the generator recorded them offender in (their nominal
   * records, by identity), each weighed here by the longest ICCS prefix of its offence listed in
   * pipelines/code_lists/crime_harm.csv, add up to their view's harm_caused.
   */
  @Test
  void thePlantedPersonsHarmIsTheWeightOfTheCrimesTheyWereRecordedOffenderIn() throws IOException {
    String planted = world.truth("england").plantedPerson().identity();
    Map<String, Double> weights = new HashMap<>();
    List<String> lines =
        Files.readAllLines(Repository.pipelines().resolve("code_lists/crime_harm.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      weights.put(cells[0], Double.parseDouble(cells[1]));
    }
    List<Row> crimes =
        SPARK
            .sql(
                "SELECT DISTINCT c.crime_id, c.iccs_code FROM person_record p"
                    + " JOIN identities i ON i.source = p._source AND i.key = p.person_record_id"
                    + " JOIN crime c ON c.force_id = p.force_id AND c.crime_id = p.crime_id"
                    + " WHERE p.person_role = 'offender' AND i.identity = '"
                    + planted
                    + "'")
            .collectAsList();
    assertThat(crimes).as("crimes the planted person offended in").isNotEmpty();
    double expected = 0;
    for (Row crime : crimes) {
      String code = crime.getString(1);
      while (!weights.containsKey(code)) {
        code = code.substring(0, code.length() - 1); // every code of the forces has a weight
      }
      expected += weights.get(code);
    }
    Row view =
        SPARK
            .sql(
                "SELECT DISTINCT l.person_id FROM person_link l"
                    + " JOIN identities i ON i.source = l._source AND i.key = l.record_id"
                    + " WHERE l.entity = 'person_record' AND i.identity = '"
                    + planted
                    + "'")
            .join(
                world
                    .lake
                    .read(new TableName("gold", "person_view"))
                    .filter("clearance_until IS NULL"),
                "person_id")
            .first();
    assertThat(view.<Double>getAs("harm_caused")).isCloseTo(expected, within(1e-9));
  }

  @Test
  void everyLinkSaysWhy() {
    // A mention with no explanation of its own is one the others of its entity point to.
    double threshold = PersonLinkageSpec.load(world.pipelines).matchProbability();
    Row row =
        SPARK
            .sql(
                "SELECT count_if(linked_mention_id IS NOT NULL),"
                    + " count_if(linked_mention_id IS NOT NULL AND agreement IS NOT NULL),"
                    + " count_if(match_weight IS NOT NULL AND match_probability < "
                    + threshold
                    + " - 1e-9) FROM person_link")
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
