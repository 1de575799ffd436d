package org.bluelamp.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.BluelampException;
import org.bluelamp.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pseudonyms are the documented keyed hash (checked against Python's hmac module, an independent
 * implementation), carry no key in the plan, and the workspace's key file is the owner's only.
 */
class TestPseudonyms {
  private static final String KEY = "bluelamp-tests-pseudonym-key";

  // python3 -c "import hmac,hashlib; print(hmac.new(b'bluelamp-tests-pseudonym-key',
  //   b'england|SMITH', hashlib.sha256).hexdigest())"
  private static final String ENGLAND_SMITH =
      "9492226f5a3850ae4f19dbbae890bd95a2e2fc0b59b39809990069dbf01e27f7";
  private static final String NO_FORCE_SMITH =
      "38826d749eecfeaa59d00b750224cdfae008f92f21df14ab02962a340ee9fdc4";

  private static Dataset<Row> persons(boolean withForce) {
    StructType schema =
        new StructType()
            .add("force_id", DataTypes.StringType)
            .add("surname", DataTypes.StringType)
            .add("dob", DataTypes.DateType);
    List<Row> rows =
        List.of(
            RowFactory.create("england", "SMITH", java.sql.Date.valueOf("1990-04-01")),
            RowFactory.create("england", null, null));
    Dataset<Row> data = SharedSpark.session().createDataFrame(rows, schema);
    return withForce ? data : data.drop("force_id");
  }

  private static Map<String, String> pseudonyms() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("surname_pseudonym", "surname");
    columns.put("dob_pseudonym", "dob");
    return columns;
  }

  @Test
  void aPseudonymIsPkAndTheFirst16HexDigitsOfTheHmacOfForceAndValue() {
    Dataset<Row> added = Pseudonyms.of(KEY).add(persons(true), pseudonyms());
    // Only text is pseudonymised: a date is coarsened by the masks and needs no key.
    assertThat(added.columns()).containsExactly("force_id", "surname", "dob", "surname_pseudonym");
    List<Row> rows = added.collectAsList();
    assertThat(rows.get(0).getString(3)).isEqualTo("pk_" + ENGLAND_SMITH.substring(0, 16));
    assertThat(rows.get(1).isNullAt(3)).as("no value, no pseudonym").isTrue();
    Row withoutForce = Pseudonyms.of(KEY).add(persons(false), pseudonyms()).first();
    assertThat(withoutForce.getString(2)).isEqualTo("pk_" + NO_FORCE_SMITH.substring(0, 16));
  }

  @Test
  void theFullHashIsTheHmacAndAnotherKeyGivesOtherPseudonyms() {
    Dataset<Row> data = persons(true).limit(1);
    Row full =
        data.select(
                Pseudonyms.of(KEY)
                    .hmac(
                        org.apache.spark.sql.functions.concat_ws(
                            "|", data.col("force_id"), data.col("surname"))))
            .first();
    assertThat(full.getString(0)).isEqualTo(ENGLAND_SMITH);
    Row rotated =
        Pseudonyms.of("another-key-of-32-characters-or-so").add(data, pseudonyms()).first();
    assertThat(rotated.getString(3))
        .startsWith("pk_")
        .isNotEqualTo("pk_" + ENGLAND_SMITH.substring(0, 16));
  }

  @Test
  void theKeyIsInNoPlan() {
    Dataset<Row> added = Pseudonyms.of(KEY).add(persons(true), pseudonyms());
    String plans =
        added.queryExecution().toString()
            + added
                .queryExecution()
                .explainString(org.apache.spark.sql.execution.ExtendedMode$.MODULE$);
    assertThat(plans).contains("surname_pseudonym").doesNotContain(KEY);
    byte[] keyBytes = KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(plans).doesNotContain(Arrays.toString(keyBytes));
  }

  @Test
  void theWorkspaceKeyIsMadeOnceAndReadableByItsOwnerOnly(@TempDir Path home) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(Pseudonyms.VARIABLE) == null);
    Dataset<Row> data = persons(true).limit(1);
    String first = Pseudonyms.fromEnvironment(home).add(data, pseudonyms()).first().getString(3);
    String second = Pseudonyms.fromEnvironment(home).add(data, pseudonyms()).first().getString(3);
    assertThat(second).as("the same key on every run").isEqualTo(first);
    Path file = home.resolve("secrets/pseudonym.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file)).hasSize(64);
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> Pseudonyms.of("short"))
        .isInstanceOf(BluelampException.class)
        .hasMessageContaining("BLUELAMP_PSEUDONYM_KEY");
  }
}
