package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gold.place_link of a lake built by hand: four gazetteer addresses (two share "12 Station Road" in
 * different localities), custody records writing them in the ways systems do (and a Belgian one
 * with an English record's id), and crimes near and far from them; every expected match worked out
 * by hand from places.yaml (two edits, 25 m).
 */
class TestPlaceMatching {
  @Test
  void eachWayOfWritingAnAddressAndEachCrimePointFindsItsPlace(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.toString());
    lake.overwrite(
        TableName.of("silver.location"),
        spark.sql(
            """
            SELECT * FROM VALUES
              ('england', 'U1', '12 Station Road, Northfield', 1000.0D, 1000.0D),
              ('england', 'U2', '12 Station Road, Abbey', 5000.0D, 5000.0D),
              ('england', 'U3', '14 Mill Road, Northfield', 2000.0D, 1000.0D),
              ('england', 'U4', '3 Park Avenue, Castle', 3000.0D, 3000.0D)
            AS t(force_id, address_id, address_text, x_m, y_m)
            """));
    lake.overwrite(
        TableName.of("silver.custody"),
        spark.sql(
            """
            SELECT force_id, custody_id, TIMESTAMP '2026-03-02 10:00:00' AS booked_in_at,
                   'england__custody' AS _source, address
            FROM VALUES
              ('england', 'K1', '12 station rd, NORTHFIELD'),
              ('england', 'K2', '12 Station Road'),
              ('england', 'K3', '14 MILL RD'),
              ('england', 'K4', '3 ParkA ve, Castle'),
              ('england', 'K5', '12 Staiton Road, Northfield'),
              ('england', 'K6', '99 Nowhere Lane'),
              ('england', 'K7', ' , '),
              ('belgium', 'K1', '12 Station Road, Northfield')
            AS t(force_id, custody_id, address)
            """));
    lake.overwrite(
        TableName.of("silver.crime"),
        spark.sql(
            """
            SELECT force_id, crime_id, TIMESTAMP '2026-03-02 11:00:00' AS reported_at,
                   'england__rms' AS _source, x_m, y_m
            FROM VALUES
              ('england', 'C1', 2010.0D, 1005.0D),
              ('england', 'C2', 3000.0D, 3030.0D),
              ('england', 'C3', 1000.0D, 1020.0D)
            AS t(force_id, crime_id, x_m, y_m)
            """));

    Map<String, Row> links = new HashMap<>();
    try (BuildCache cache = new BuildCache()) {
      for (Row row :
          PlaceResolution.build(
                  lake, Pipelines.load(Repository.pipelines()), cache, Progress.silent())
              .select(
                  "record_id",
                  "address_id",
                  "method",
                  "edits",
                  "distance_m",
                  "place_id",
                  "force_id")
              .collectAsList()) {
        String force = row.getString(6);
        links.put(force.equals("england") ? row.getString(0) : force + ":" + row.getString(0), row);
      }
    }

    // K7 has no letter or digit and C2 has no address within 25 m (30 m): no mention.
    assertThat(links.keySet())
        .containsExactlyInAnyOrder("K1", "K2", "K3", "K4", "K5", "K6", "C1", "C3", "belgium:K1");
    assertThat(List.of(links.get("K1"), links.get("K3"), links.get("K4"), links.get("K5")))
        .extracting(row -> row.getString(1) + " " + row.getString(2) + " " + row.get(3))
        .containsExactly("U1 exact 0", "U3 street 0", "U4 fuzzy 2", "U1 fuzzy 2");
    // "12 Station Road" without a locality is U1 or U2: none chosen, a place of its own text.
    assertThat(links.get("K2").isNullAt(1)).isTrue();
    assertThat(links.get("K2").getString(2)).isEqualTo("ambiguous");
    assertThat(links.get("K6").getString(2)).isEqualTo("unmatched");
    // Belgium's custody system numbers its records as England's does: its K1 is its own mention,
    // and Belgium has no gazetteer here.
    assertThat(links.get("belgium:K1").isNullAt(1)).isTrue();
    assertThat(links.get("belgium:K1").getString(2)).isEqualTo("unmatched");
    assertThat(links.get("belgium:K1").getString(5)).isNotEqualTo(links.get("K1").getString(5));
    // C1 is 11.2 m from U3 (sqrt(10^2 + 5^2)), C3 20 m from U1.
    assertThat(links.get("C1").getString(1)).isEqualTo("U3");
    assertThat(links.get("C1").getDouble(4)).isEqualTo(11.2);
    assertThat(links.get("C3").getString(2)).isEqualTo("nearest");
    assertThat(links.get("C3").getString(5))
        .isEqualTo(links.get("K1").getString(5))
        .isEqualTo(links.get("K5").getString(5));
  }
}
