package org.bluelamp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.SharedSpark;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.resolve.ResolutionReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gold.vehicle_link of the shared sample world against the vehicles the generator planted behind
 * every keeper record, ANPR read, collision and penalty notice (truth/*-identities.csv), the
 * planted ANPR misreads (a character of the other class) and the way officers write plates
 * (spacing, case) included.
 */
class TestVehicleResolution {
  private static final SparkSession SPARK = SharedSpark.session();
  private static SampleWorld world;

  @BeforeAll
  static void world() {
    world = SampleWorld.get();
    world.lake.read(Tables.VEHICLE_LINK).createOrReplaceTempView("vehicle_link");
    world.lake.read(TableName.of("gold.vehicle_view")).createOrReplaceTempView("vehicle_view");
    world.registerIdentities();
  }

  @Test
  void mentionsOfOnePlantedVehicleAreOneVehicleAndNoOther() {
    ResolutionReport.Result result =
        ResolutionReport.evaluate(
            world.lake,
            world.pipelines,
            world.dir.resolve("truth"),
            ResolutionReport.Kind.VEHICLES);
    System.out.print(ResolutionReport.markdown(result));
    assertThat(result.scores())
        .extracting(ResolutionReport.Score::force)
        .contains("belgium", "england");
    assertThat(result.scores())
        .allSatisfy(
            score -> {
              assertThat(score.truePairs()).as(score.force()).isPositive();
              assertThat(score.precision()).as(score.force()).isGreaterThanOrEqualTo(0.999);
              assertThat(score.recall()).as(score.force()).isGreaterThanOrEqualTo(0.995);
            });
  }

  @Test
  void aMisreadPlateIsTheVehicleOfItsKeeperRecord() {
    // The planted misreads: ANPR reads whose letters and digits are not the planted plate's.
    Row row =
        SPARK
            .sql(
                """
                SELECT count(*), count_if(l.vehicle_id = k.vehicle_id),
                       count_if(l.correction IS NOT NULL)
                FROM vehicle_link l
                JOIN identities i ON i.source = l._source AND i.key = l.record_id
                JOIN vehicle_link k ON k.entity = 'vehicle_record' AND k.record_id = i.identity
                WHERE l.entity = 'anpr_read'
                  AND upper(regexp_replace(l.vrm_recorded, '[^A-Za-z0-9]', ''))
                      <> regexp_replace(i.identity, '[^A-Za-z0-9]', '')
                """)
            .first();
    assertThat(row.getLong(0)).as("planted misreads").isPositive();
    assertThat(row.getLong(1)).isEqualTo(row.getLong(0));
    assertThat(row.getLong(2)).isEqualTo(row.getLong(0));
  }

  @Test
  void aVehicleIsOnePlateOfOneCountry() {
    Row row =
        SPARK
            .sql(
                "SELECT count(DISTINCT vehicle_id), count(DISTINCT country, vrm_key),"
                    + " count_if(vrm_key <> upper(regexp_replace(vrm, '[^A-Za-z0-9]', '')))"
                    + " FROM vehicle_link")
            .first();
    assertThat(row.getLong(0)).isPositive().isEqualTo(row.getLong(1));
    assertThat(row.getLong(2)).isZero();
  }

  @Test
  void theViewOfEveryPlantedVehicleCountsTheAnprReadsPlantedForItMisreadsIncluded() {
    Row row =
        SPARK
            .sql(
                """
                WITH planted AS (
                  SELECT i.identity AS plate, count(*) AS reads
                  FROM vehicle_link l
                  JOIN identities i ON i.source = l._source AND i.key = l.record_id
                  WHERE l.entity = 'anpr_read'
                  GROUP BY i.identity)
                SELECT count(*), count_if(v.anpr_sightings = p.reads),
                       count_if(size(filter(v.timeline, e -> e.event_type = 'anpr')) = p.reads),
                       count_if(v.keeper_records = 1)
                FROM planted p
                LEFT JOIN vehicle_view v
                  ON v.vrm_key = upper(regexp_replace(p.plate, '[^A-Za-z0-9]', ''))
                """)
            .first();
    assertThat(row.getLong(0)).as("planted vehicles read by ANPR").isPositive();
    assertThat(row.getLong(1)).as("sightings counted").isEqualTo(row.getLong(0));
    assertThat(row.getLong(2)).as("sightings on the timeline").isEqualTo(row.getLong(0));
    assertThat(row.getLong(3)).as("with their keeper record").isEqualTo(row.getLong(0));
  }
}
