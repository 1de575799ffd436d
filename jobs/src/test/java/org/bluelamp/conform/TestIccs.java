package org.bluelamp.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Repository;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;

class TestIccs {
  private static final Path CODE_LISTS = Repository.root().resolve("pipelines/code_lists");

  @Test
  void classifiesEveryLevelAndFlagsCodesOutsideTheHierarchy() {
    StructType schema = new StructType().add("iccs_code", DataTypes.StringType);
    Dataset<Row> crimes =
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create("050211"),
                    RowFactory.create("05012"),
                    RowFactory.create("0801"),
                    RowFactory.create("99999"),
                    RowFactory.create((String) null)),
                schema);
    Map<String, Row> rows = new HashMap<>();
    Iccs.classify(crimes, Iccs.hierarchy(SharedSpark.session(), CODE_LISTS.resolve("iccs.csv")))
        .collectAsList()
        .forEach(r -> rows.put(r.getAs("iccs_code"), r));
    Row car = rows.get("050211");
    assertThat((Boolean) car.getAs("iccs_mapped")).isTrue();
    assertThat((String) car.getAs("iccs_level1")).isEqualTo("05");
    assertThat((String) car.getAs("iccs_level1_label")).isEqualTo("Acts against property only");
    assertThat((String) car.getAs("iccs_level2")).isEqualTo("0502");
    assertThat((String) car.getAs("iccs_level2_label")).isEqualTo("Theft");
    assertThat((String) car.getAs("iccs_level3")).isEqualTo("05021");
    assertThat((String) car.getAs("iccs_level4_label"))
        .isEqualTo("Theft of a motorized land vehicle");
    Row burglary = rows.get("05012");
    assertThat((String) burglary.getAs("iccs_level3_label"))
        .isEqualTo("Burglary of private residential premises");
    assertThat((String) burglary.getAs("iccs_level4")).isNull();
    assertThat((String) rows.get("0801").getAs("iccs_level3")).isNull();
    assertThat((Boolean) rows.get("99999").getAs("iccs_mapped")).isFalse();
    assertThat((String) rows.get("99999").getAs("iccs_level1")).isNull();
    assertThat((Boolean) rows.get(null).getAs("iccs_mapped")).isFalse();
  }

  @Test
  void everyForcesOffenceMapsToACodeOfTheHierarchyWhoseParentsExist() throws IOException {
    Map<String, String> parents = new HashMap<>();
    for (String line : lines(CODE_LISTS.resolve("iccs.csv"))) {
      String[] cells = line.split(",", -1); // labels may hold quoted commas; the parent is last
      parents.put(cells[0], cells[cells.length - 1]);
    }
    for (Map.Entry<String, String> code : parents.entrySet()) {
      String parent = code.getValue();
      if (!parent.isEmpty()) {
        assertThat(parents).as("parent of " + code.getKey()).containsKey(parent);
        assertThat(code.getKey()).as("code " + code.getKey()).startsWith(parent);
      }
    }
    Set<String> forces = new HashSet<>();
    try (var dirs = Files.list(CODE_LISTS)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Path offences = dir.resolve("offences.csv");
        if (!Files.exists(offences)) {
          continue;
        }
        forces.add(dir.getFileName().toString());
        for (String line : lines(offences)) {
          String iccs = line.split(",")[3];
          assertThat(parents).as(dir.getFileName() + " " + line).containsKey(iccs);
        }
      }
    }
    assertThat(forces).containsExactlyInAnyOrder("belgium", "england", "lebanon");
  }

  private static List<String> lines(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
  }
}
