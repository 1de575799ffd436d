package org.bluelamp.lake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.bluelamp.Errors;

/**
 * Pseudonyms of personal data, computed in the jobs, the only place the key is: HMAC-SHA-256 under
 * the key of {@code <force>|<value>}, written {@code pk_} + its first 16 hex digits, stored beside
 * the clear value. The same value of the same force always gives the same pseudonym, so analysts
 * count and link without the clear values; without the key no one can hash candidate names to find
 * a person. The key never reaches SQL, plans, logs or table properties.
 *
 * <p>The key is {@value #VARIABLE} (the same wherever jobs run, or every pseudonym changes); when
 * it is not set, {@code <home>/secrets/pseudonym.key}, made with a random key on first use and
 * readable by its owner only. Rotating it: see docs/operations.md.
 */
public final class Pseudonyms {
  public static final String VARIABLE = "BLUELAMP_PSEUDONYM_KEY";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_LENGTH = 16;
  private static final int PSEUDONYM_HEX_DIGITS = 16;

  private final UserDefinedFunction hmac;

  private Pseudonyms(String key) {
    if (key.strip().length() < MIN_LENGTH) {
      throw Errors.usage(
          "the pseudonymisation key is shorter than " + MIN_LENGTH + " characters",
          "set " + VARIABLE + " to a long random value (e.g. 'openssl rand -hex 32')");
    }
    this.hmac = udf(new Hmac(key.strip().getBytes(UTF_8)), DataTypes.StringType);
  }

  /** Pseudonyms under {@code key}. */
  public static Pseudonyms of(String key) {
    return new Pseudonyms(key);
  }

  /** The key of {@value #VARIABLE}, or the workspace's own key file under {@code home}. */
  public static Pseudonyms fromEnvironment(Path home) {
    String key = System.getenv(VARIABLE);
    return new Pseudonyms(key == null || key.isBlank() ? keyFile(home.resolve("secrets")) : key);
  }

  /** {@code <dir>/pseudonym.key}, made on first use; another process making it at once wins. */
  private static String keyFile(Path dir) {
    Path file = dir.resolve("pseudonym.key");
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path temporary =
            Files.createTempFile(
                dir,
                "pseudonym",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, HexFormat.of().formatHex(bytes));
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
          Files.delete(temporary);
        }
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw Errors.io("read the pseudonymisation key " + file, e);
    }
  }

  /** The keyed hash of {@code message} as 64 hex digits (NULL for NULL). */
  public Column hmac(Column message) {
    return hmac.apply(message);
  }

  /** {@code value}'s pseudonym within {@code force} (NULL for NULL). */
  public Column pseudonym(Column force, Column value) {
    return when(
        value.isNotNull(),
        concat(
            lit("pk_"),
            substring(
                hmac(concat_ws("|", coalesce(force, lit("")), value)), 1, PSEUDONYM_HEX_DIGITS)));
  }

  /**
   * {@code data} with each pseudonym column of {@code columns} (pseudonym to clear column, {@code
   * contract.Pii}) whose clear column is text; within {@code force_id} when the rows have one.
   * Other types are coarsened by the masks instead and need no key.
   */
  public Dataset<Row> add(Dataset<Row> data, Map<String, String> columns) {
    List<String> present = List.of(data.columns());
    Column force = present.contains("force_id") ? col("force_id") : lit("");
    for (Map.Entry<String, String> column : columns.entrySet()) {
      String clear = column.getValue();
      if (present.contains(clear)
          && data.schema().apply(clear).dataType().equals(DataTypes.StringType)) {
        data = data.withColumn(column.getKey(), pseudonym(force, col(clear)));
      }
    }
    return data;
  }

  /** The hash as a Spark function: its key is in the function, never in the plan's text. */
  private static final class Hmac implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private final byte[] key;

    Hmac(byte[] key) {
      this.key = key;
    }

    @Override
    public String call(String message) throws GeneralSecurityException {
      if (message == null) {
        return null;
      }
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(UTF_8)));
    }
  }
}
