package org.bluelamp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.resolve.ResolutionReport;
import org.bluelamp.synth.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gold.place_link and gold.place_view of the shared sample world against the addresses the
 * generator planted: every way it wrote an address (street type shortened, locality left off, two
 * letters swapped, case, commas) with the address it stands for (truth/*-places.csv). Crime scenes
 * are {@code TestPlaceMatching}'s: the sample world's few hundred addresses lie too far apart for a
 * crime to fall within 25 m of one.
 */
class TestPlaceResolution {
  private static final SparkSession SPARK = SharedSpark.session();
  private static SampleWorld world;

  @BeforeAll
  static void world() {
    world = SampleWorld.get();
    world.lake.read(Tables.PLACE_LINK).createOrReplaceTempView("place_link");
    // Each place's tier of all its records.
    world
        .lake
        .read(TableName.of("gold.place_view"))
        .filter("clearance_until IS NULL")
        .createOrReplaceTempView("place_view");
    world.lake.read(Tables.PERSON_LINK).createOrReplaceTempView("person_link");
    world.lake.read(TableName.of("silver.location")).createOrReplaceTempView("location");
    SPARK
        .read()
        .option("header", "true")
        .csv(world.dir.resolve("truth").resolve("*-places.csv").toString())
        .selectExpr(
            "regexp_extract(input_file_name(), '([^/]+)-places\\\\.csv$', 1) AS force_id",
            "written",
            "address_id")
        .createOrReplaceTempView("written");
    world.registerIdentities();
  }

  @Test
  void mentionsOfOnePlantedAddressAreOnePlaceAndNoOther() {
    ResolutionReport.Result result =
        ResolutionReport.evaluate(
            world.lake, world.pipelines, world.dir.resolve("truth"), ResolutionReport.Kind.PLACES);
    System.out.print(ResolutionReport.markdown(result));
    assertThat(result.scores()).extracting(ResolutionReport.Score::force).contains("england");
    assertThat(result.scores())
        .allSatisfy(
            score -> {
              assertThat(score.truePairs()).as(score.force()).isPositive();
              assertThat(score.precision()).as(score.force()).isGreaterThanOrEqualTo(0.999);
            });
  }

  @Test
  void everyAddressWrittenForOneGazetteerAddressIsMatchedToItUnlessAmbiguous() {
    // The truth's address ids are the gazetteer's UPRNs. Ambiguous mentions are the next test's.
    Row row =
        SPARK
            .sql(
                """
                WITH one AS (
                  SELECT force_id, written, max(address_id) AS address_id FROM written
                  GROUP BY force_id, written HAVING count(*) = 1)
                SELECT count(*), count_if(l.address_id = o.address_id),
                       count_if(l.method = 'fuzzy'), count_if(l.method = 'street')
                FROM place_link l
                JOIN one o ON o.force_id = l.force_id AND o.written = l.address_recorded
                WHERE l.force_id = 'england' AND l.method <> 'ambiguous'
                """)
            .first();
    assertThat(row.getLong(0)).as("English addresses recorded").isPositive();
    assertThat(row.getLong(2)).as("matched misspelt").isPositive();
    assertThat(row.getLong(3)).as("matched without their locality").isPositive();
    assertThat(row.getLong(1)).isEqualTo(row.getLong(0));
  }

  @Test
  void anAddressSeveralLocalitiesHaveWrittenWithoutOneIsAmbiguousNotGuessed() {
    // Ambiguous: the address it was written for shares its first line (number and street) with
    // another gazetteer address, and the locality was left off.
    Row row =
        SPARK
            .sql(
                """
                WITH line AS (
                  SELECT force_id, address_id, split(address_text, ', ')[0] AS first_line,
                         count(*) OVER (PARTITION BY force_id, split(address_text, ', ')[0]) AS n
                  FROM location)
                SELECT count(DISTINCT l.mention_id),
                       count(DISTINCT CASE WHEN g.n > 1 AND l.address_id IS NULL
                                           AND NOT contains(upper(l.address_recorded), ',')
                                      THEN l.mention_id END)
                FROM place_link l
                JOIN written w ON w.force_id = l.force_id AND w.written = l.address_recorded
                JOIN line g ON g.force_id = w.force_id AND g.address_id = w.address_id
                WHERE l.force_id = 'england' AND l.method = 'ambiguous'
                """)
            .first();
    assertThat(row.getLong(0)).as("ambiguous mentions").isPositive();
    assertThat(row.getLong(1)).isEqualTo(row.getLong(0));
  }

  @Test
  void thePlantedPersonsHomeListsThemAsItsResident() {
    Truth.PlantedPerson planted = world.truth("england").plantedPerson();
    // The planted person is recorded at their home every time: one place, them among its residents.
    List<Row> rows =
        SPARK
            .sql(
                """
                SELECT DISTINCT v.place_id, v.address_id, v.residents, pl.person_id
                FROM identities i
                JOIN place_link l ON l._source = i.source AND l.record_id = i.key
                JOIN person_link pl ON pl.force_id = l.force_id AND pl.mention_id = l.mention_id
                JOIN place_view v ON v.force_id = l.force_id AND v.place_id = l.place_id
                WHERE i.identity = '%s' AND pl.is_principal
                """
                    .formatted(planted.identity()))
            .collectAsList();
    assertThat(rows).as("the planted person's homes").hasSize(1);
    Row home = rows.get(0);
    assertThat(home.getString(1)).as("a gazetteer address").isNotNull();
    assertThat(home.getString(2)).contains(home.getString(3));
  }
}
