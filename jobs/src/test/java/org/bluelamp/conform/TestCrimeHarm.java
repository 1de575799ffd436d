package org.bluelamp.conform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * A crime weighs what the most specific level of its ICCS code listed in the weights says; the
 * shipped weights cover every offence the three forces record.
 */
class TestCrimeHarm {
  private static final StructType CODES = new StructType().add("iccs_code", DataTypes.StringType);

  private static Map<String, Double> weigh(Dataset<Row> weights, String... codes) {
    Dataset<Row> crimes =
        SharedSpark.session()
            .createDataFrame(Arrays.stream(codes).map(c -> RowFactory.create(c)).toList(), CODES);
    Dataset<Row> classified =
        Iccs.classify(
            crimes,
            Iccs.hierarchy(
                SharedSpark.session(),
                Repository.pipelines().resolve("code_lists").resolve("iccs.csv")));
    Map<String, Double> harm = new HashMap<>();
    for (Row row : CrimeHarm.weigh(classified, weights).collectAsList()) {
      harm.put(row.getAs("iccs_code"), row.getAs("harm_days"));
    }
    return harm;
  }

  private static Dataset<Row> weights(Row... rows) {
    StructType schema =
        new StructType().add("code", DataTypes.StringType).add("harm_days", DataTypes.DoubleType);
    return SharedSpark.session().createDataFrame(List.of(rows), schema);
  }

  @Test
  void theMostSpecificListedLevelWins() {
    Dataset<Row> weights =
        weights(
            RowFactory.create("05", 1.0),
            RowFactory.create("0501", 20.0),
            RowFactory.create("05012", 60.0),
            RowFactory.create("050221", 10.0));
    Map<String, Double> harm =
        weigh(weights, "05012", "05011", "050221", "050222", "0504", "0801", "99999");
    assertThat(harm.get("05012")).isEqualTo(60.0); // its group is listed
    assertThat(harm.get("05011")).isEqualTo(20.0); // its division
    assertThat(harm.get("050221")).isEqualTo(10.0); // its class
    assertThat(harm.get("050222")).isEqualTo(1.0); // only its section is listed
    assertThat(harm.get("0504")).isEqualTo(1.0);
    assertThat(harm).containsEntry("0801", null).containsEntry("99999", null);
  }

  @Test
  void aCodeListedTwiceIsAnErrorNotAGuess() {
    Dataset<Row> weights =
        weights(RowFactory.create("0501", 20.0), RowFactory.create("0501", 30.0));
    assertThatThrownBy(() -> weigh(weights, "05012"))
        .hasMessageContaining("the code 0501 twice")
        .hasMessageContaining("crime_harm.csv");
  }

  @Test
  void everyOffenceOfTheForcesHasAWeight() throws Exception {
    Dataset<Row> weights =
        CrimeHarm.weights(
            SharedSpark.session(),
            Repository.pipelines().resolve("code_lists").resolve("crime_harm.csv"));
    List<String> codes = new ArrayList<>();
    for (String force : List.of("england", "belgium", "lebanon")) {
      List<String> lines =
          Files.readAllLines(
              Repository.pipelines().resolve("code_lists").resolve(force).resolve("offences.csv"));
      lines.subList(1, lines.size()).forEach(line -> codes.add(line.split(",")[3]));
    }
    Map<String, Double> harm = weigh(weights, codes.stream().distinct().toArray(String[]::new));
    assertThat(harm).hasSize((int) codes.stream().distinct().count()).doesNotContainValue(null);
    // Hand-read from the file: a home burglary 60 days, an assault with injury 180, drugs 0.
    assertThat(harm).containsEntry("05012", 60.0).containsEntry("020111", 180.0);
    assertThat(harm).containsEntry("060121", 0.0);
  }
}
