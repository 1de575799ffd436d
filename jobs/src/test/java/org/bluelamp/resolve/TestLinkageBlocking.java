package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Progress;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;

/** Candidate pairs of the blocking rules, by hand-made profiles. */
class TestLinkageBlocking {
  private static Dataset<Row> profiles(String... documents) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < documents.length; i++) {
      rows.add(RowFactory.create("belgium", (long) i, documents[i]));
    }
    StructType schema =
        new StructType()
            .add("force_id", DataTypes.StringType)
            .add("profile_id", DataTypes.LongType)
            .add("document", DataTypes.StringType);
    return SharedSpark.session().createDataFrame(rows, schema);
  }

  private static List<String> pairs(Dataset<Row> profiles) {
    Progress quiet = new Progress(new PrintStream(new ByteArrayOutputStream()));
    return Linkage.candidates(profiles, List.of(List.of(Linkage.DOCUMENT_DELETION)), 2000, quiet)
        .collectAsList()
        .stream()
        .map(row -> row.getLong(1) + "-" + row.getLong(2))
        .sorted()
        .toList();
  }

  @Test
  void documentsOneSlipApartArePairedOthersAreNot() {
    List<String> pairs =
        pairs(
            profiles(
                "86080588749", // 0
                "86080588749", // 1: the same
                "86080858749", // 2: two neighbours swapped
                "86080598749", // 3: one digit other
                "8608058749", // 4: one digit left out (another length: compared as missing)
                "86080858794", // 5: two slips from 0, one (swapped) from 2
                "93051822361", // 6: another person
                null));
    // Brute force over the single-character deletions of both: 2 and 3 share 8608058749 too.
    assertThat(pairs).containsExactly("0-1", "0-2", "0-3", "1-2", "1-3", "2-3", "2-5");
  }
}
