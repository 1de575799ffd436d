package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Errors;
import org.bluelamp.contract.Pipelines;

/** The Spark side of {@link Profile}: its columns, computed from a mention's details, and back. */
final class Profiles {
  /** The profile columns, in {@link Profile}'s order. */
  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            string("forename"),
            string("forename_formal"),
            string("forename_code"),
            string("surname"),
            string("surname_code"),
            string("surname_skeleton"),
            string("skeleton"),
            string("arabic"),
            string("arabic_skeleton"),
            DataTypes.createStructField("dob", DataTypes.DateType, true),
            string("address"),
            string("phone"),
            string("document"),
            string("vehicle")
          });

  private Profiles() {}

  /**
   * The name-variant table {@code pipelines/resolve/nicknames.csv} ({@code nickname,formal}):
   * nicknames and other spellings of a forename, each to one formal form.
   */
  static Names names(Pipelines pipelines) {
    Path file = pipelines.root().resolve("resolve").resolve("nicknames.csv");
    Map<String, String> nicknames = new HashMap<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String[] parts = lines.get(i).split(",");
        if (parts.length != 2) {
          throw Errors.contract(
              file, "line " + (i + 1), "expected 'nickname,formal'", "write two names per line");
        }
        nicknames.put(Names.normalise(parts[0]), Names.normalise(parts[1]));
      }
    } catch (IOException e) {
      throw Errors.io("read " + file, e);
    }
    return new Names(nicknames);
  }

  /**
   * {@code mentions} with the profile columns in place of the details, plus {@code birth_year} and
   * {@code profile_id}: a hash of the force and the profile when it has a date of birth, an
   * address, a phone or a document; otherwise (a name alone: two Jack Taylors of one force are not
   * one person) also of the mention, so that it is a profile of its own.
   */
  static Dataset<Row> profiled(Dataset<Row> mentions, Names names) {
    UserDefinedFunction profile =
        udf(
            (UDF8<String, String, String, Date, String, String, String, String, Row>)
                (forename, surname, arabic, dob, address, phone, document, vehicle) ->
                    row(
                        Profile.of(
                            names,
                            forename,
                            surname,
                            arabic,
                            dob == null ? null : dob.toLocalDate(),
                            address,
                            phone,
                            document,
                            vehicle)),
            SCHEMA);
    Dataset<Row> withProfile =
        mentions.withColumn(
            "profile",
            profile.apply(
                col("forename"),
                col("surname"),
                col("name_ar"),
                col("dob"),
                col("address"),
                col("phone"),
                col("document"),
                col("vehicle")));
    List<Column> columns = new ArrayList<>();
    for (String name : mentions.columns()) {
      if (!PersonLinkageSpec.FIELDS.contains(name)) {
        columns.add(col(name));
      }
    }
    for (StructField field : SCHEMA.fields()) {
      columns.add(col("profile." + field.name()).as(field.name()));
    }
    Column identifying =
        col("dob")
            .isNotNull()
            .or(col("address").isNotNull())
            .or(col("phone").isNotNull())
            .or(col("document").isNotNull());
    List<Column> identity =
        new ArrayList<>(
            List.of(col("force_id"), when(identifying, lit(null)).otherwise(col("mention_id"))));
    for (StructField field : SCHEMA.fields()) {
      identity.add(col(field.name()));
    }
    return withProfile
        .select(columns.toArray(Column[]::new))
        .withColumn("birth_year", year(col("dob")))
        .withColumn("profile_id", xxhash64(identity.toArray(Column[]::new)));
  }

  /** The profile columns as one struct column, for {@link #of(Row)} in a UDF. */
  static Column asStruct(String prefix) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : SCHEMA.fields()) {
      columns.add(col(prefix + field.name()).as(field.name()));
    }
    return struct(columns.toArray(Column[]::new));
  }

  /** The profile of a row holding the profile columns first, in {@link #SCHEMA}'s order. */
  static Profile of(Row row) {
    Date dob = (Date) row.get(9);
    return new Profile(
        row.getString(0),
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        dob == null ? null : dob.toLocalDate(),
        row.getString(10),
        row.getString(11),
        row.getString(12),
        row.getString(13));
  }

  private static Row row(Profile p) {
    return RowFactory.create(
        p.forename(),
        p.forenameFormal(),
        p.forenameCode(),
        p.surname(),
        p.surnameCode(),
        p.surnameSkeleton(),
        p.skeleton(),
        p.arabic(),
        p.arabicSkeleton(),
        p.dob() == null ? null : Date.valueOf(p.dob()),
        p.address(),
        p.phone(),
        p.document(),
        p.vehicle());
  }

  private static StructField string(String name) {
    return DataTypes.createStructField(name, DataTypes.StringType, true);
  }
}
