package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;

/** Entity ids across builds: kept when records join, split or merge, fresh ones never reused. */
class TestPersonIds {
  private static final SparkSession SPARK = SharedSpark.session();

  /** The id a new cluster gets, computed here with the JDK: P- and 16 hex of SHA-256. */
  private static String fresh(String text) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(("england:" + text).getBytes(StandardCharsets.UTF_8));
    return "P-" + HexFormat.of().formatHex(digest).substring(0, 16);
  }

  /** mention -> cluster, as the clustering left them. */
  private static Dataset<Row> clusters(Map<String, Long> clusterOf) {
    List<Row> rows = new ArrayList<>();
    clusterOf.forEach(
        (mention, cluster) -> rows.add(RowFactory.create("england", cluster, mention)));
    StructType schema =
        new StructType()
            .add("force_id", DataTypes.StringType)
            .add("cluster_id", DataTypes.LongType)
            .add("mention_id", DataTypes.StringType);
    return SPARK.createDataFrame(rows, schema);
  }

  private static Dataset<Row> previous(Map<String, String> personOf) {
    List<Row> rows = new ArrayList<>();
    personOf.forEach((mention, person) -> rows.add(RowFactory.create("england", mention, person)));
    StructType schema =
        new StructType()
            .add("force_id", DataTypes.StringType)
            .add("mention_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType);
    return SPARK.createDataFrame(rows, schema);
  }

  private static Map<Long, String> ids(Dataset<Row> mentions, Dataset<Row> previous) {
    Map<Long, String> ids = new HashMap<>();
    for (Row row : PersonResolution.personIds(mentions, previous).collectAsList()) {
      ids.put(row.getLong(1), row.getString(2));
    }
    return ids;
  }

  @Test
  void aFirstBuildNamesEachEntityAfterItsFirstMention() throws Exception {
    Map<Long, String> ids =
        ids(clusters(Map.of("stop:S2", 1L, "custody:C9", 1L, "call:K1", 2L)), null);
    assertThat(ids).containsEntry(1L, fresh("custody:C9")).containsEntry(2L, fresh("call:K1"));
  }

  @Test
  void idsSurviveRecordsJoiningSplittingAndMerging() throws Exception {
    Map<String, String> before = new HashMap<>();
    before.put("m1", "P-joined");
    before.put("m2", "P-joined");
    before.put("m4", "P-split");
    before.put("m5", "P-split");
    before.put("m6", "P-split");
    before.put("m7", "P-small");
    before.put("m8", "P-large");
    before.put("m9", "P-large");
    Map<String, Long> after = new HashMap<>();
    after.put("m1", 10L);
    after.put("m2", 10L);
    after.put("m3", 10L); // a new record joins
    after.put("m4", 20L);
    after.put("m5", 20L);
    after.put("m6", 21L); // split off
    after.put("m7", 30L);
    after.put("m8", 30L);
    after.put("m9", 30L); // two entities merged
    Map<Long, String> ids = ids(clusters(after), previous(before));
    assertThat(ids)
        .containsEntry(10L, "P-joined")
        .containsEntry(20L, "P-split")
        .containsEntry(21L, fresh("m6"))
        .containsEntry(30L, "P-large");
  }

  @Test
  void aFreshIdAlreadyTakenIsNotReused() throws Exception {
    // m10 named its entity in the first build; now the entity's other records keep that id and
    // m10, split off, would get the same fresh id again: it takes its first|last mention instead.
    String taken = fresh("m10");
    Map<String, String> before = Map.of("m10", taken, "m11", taken, "m12", taken);
    Map<Long, String> ids =
        ids(clusters(Map.of("m10", 1L, "m11", 2L, "m12", 2L)), previous(before));
    assertThat(ids).containsEntry(2L, taken).containsEntry(1L, fresh("m10|m10"));
  }
}
