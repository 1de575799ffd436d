package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udf;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Errors;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * {@code gold.person_search}: the keys a person is looked up by, one row per force, key and person
 * entity, sorted by key so that the files' statistics prune a lookup. Every key is computed from a
 * mention's details exactly as the linkage normalises them ({@link Profile}), and a typed search is
 * reduced the same way ({@link #typed}), so a lookup is an equality.
 *
 * <ul>
 *   <li>{@code name}: formal forename and surname ({@code Bill KHAN} -> {@code william khan});
 *   <li>{@code surname}: the normalised surname; {@code surname_code} its Double Metaphone code
 *       (finds other spellings: Hussain, Hussein, Husain);
 *   <li>{@code phone}: the number's last nine digits; {@code address}: the normalised address, the
 *       key of its place ({@code gold.place_link}) where the place resolution found one, as the
 *       linkage compares it (an address search finds the places first, {@code serve/PlaceSearch},
 *       then the persons by their keys, {@link #ofPlace});
 *   <li>{@code arabic}: the Arabic-script name, normalised;
 *   <li>{@code document}: an identity document's number, upper case, letters and digits only.
 * </ul>
 */
public final class PersonSearchKeys {
  /** What a typed text is: a name, a phone number, an address or an identity document number. */
  public enum Kind {
    NAME,
    PHONE,
    ADDRESS,
    DOCUMENT
  }

  private static final StructType KEY =
      new StructType()
          .add("key_type", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false);

  private PersonSearchKeys() {}

  public static Dataset<Row> build(Lake lake, Pipelines pipelines, BuildCache cache) {
    PersonLinkageSpec spec = PersonLinkageSpec.load(pipelines);
    UserDefinedFunction keys =
        udf(
            (UDF1<Row, List<Row>>)
                profile ->
                    keysOf(Profiles.of(profile)).entrySet().stream()
                        .map(key -> RowFactory.create(key.getKey(), key.getValue()))
                        .toList(),
            DataTypes.createArrayType(KEY));
    Dataset<Row> profiled =
        Profiles.profiled(PersonResolution.mentions(lake, spec), Profiles.names(pipelines));
    // A key's clearance is its mention's in gold.person_link (the higher of its record's and the
    // linked record's), not the record's alone.
    Dataset<Row> keyed =
        profiled
            .drop(Clearance.COLUMN)
            .join(
                lake.read(Tables.PERSON_LINK)
                    .select("force_id", "mention_id", "person_id", Clearance.COLUMN),
                seq(List.of("force_id", "mention_id")))
            .select(
                col("force_id"),
                col("person_id"),
                col(Clearance.COLUMN),
                explode(keys.apply(Profiles.asStruct(""))).as("k"))
            .select(
                col("force_id"),
                col("k.key_type"),
                col("k.key"),
                col("person_id"),
                col(Clearance.COLUMN));
    return Clearance.tiered(
            keyed,
            List.of("force_id", "key_type", "key", "person_id"),
            visible ->
                visible
                    .groupBy("force_id", "key_type", "key", "person_id")
                    .agg(
                        count(lit(1)).as("mentions"),
                        // A key shows that the records giving it exist: the highest clearance.
                        max(Clearance.COLUMN).as(Clearance.COLUMN)))
        .repartition(1)
        .sortWithinPartitions("key_type", "key", "force_id", "person_id");
  }

  /** The search keys of a profile, by key type; a key the profile lacks is left out. */
  static Map<String, String> keysOf(Profile profile) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (profile.forenameFormal() != null && profile.surname() != null) {
      keys.put("name", profile.forenameFormal() + " " + profile.surname());
    }
    putKnown(keys, "surname", profile.surname());
    putKnown(keys, "surname_code", profile.surnameCode());
    putKnown(keys, "phone", profile.phone());
    putKnown(keys, "address", profile.address());
    putKnown(keys, "arabic", profile.arabic());
    putKnown(keys, "document", profile.document());
    return keys;
  }

  /**
   * The keys a typed search is looked up by: a name as "forename surname" (one word: a surname; in
   * Arabic script: the Arabic name), a phone number in any format, an address as written, a
   * document number with or without its dots and spaces.
   */
  public static Map<String, String> typed(Pipelines pipelines, Kind kind, String text) {
    Names names = Profiles.names(pipelines);
    Profile profile =
        switch (kind) {
          case PHONE -> Profile.of(names, null, null, null, null, null, text, null, null);
          case DOCUMENT -> Profile.of(names, null, null, null, null, null, null, text, null);
          case ADDRESS ->
              Profile.of(
                  names,
                  null,
                  null,
                  null,
                  null,
                  PlaceLinkageSpec.load(pipelines).addresses().key(text),
                  null,
                  null,
                  null);
          case NAME -> name(names, text);
        };
    Map<String, String> keys = keysOf(profile);
    if (keys.isEmpty()) {
      throw Errors.usage(
          "'" + text + "' gives no " + kind.name().toLowerCase(Locale.ROOT) + " to look up",
          switch (kind) {
            case PHONE -> "type at least six digits of the number, e.g. 07700 900123";
            case ADDRESS -> "type the address as written, e.g. 14 Green Lane";
            case NAME -> "type a forename and surname or a surname, e.g. William Khan";
            case DOCUMENT -> "type the number of the document, e.g. 85.07.30-033.28";
          });
    }
    return keys;
  }

  /**
   * The address key of the persons recorded at a place of {@code gold.place_link}: the linkage
   * compares a mention's address as its place's key, so the persons living at a place a search
   * found are looked up by that key.
   */
  public static Map.Entry<String, String> ofPlace(String placeKey) {
    return Map.entry("address", Profile.address(placeKey));
  }

  private static Profile name(Names names, String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed
        .codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC)) {
      return Profile.of(names, null, null, trimmed, null, null, null, null, null);
    }
    String[] words = trimmed.split("\\s+", 2);
    return words.length == 2
        ? Profile.of(names, words[0], words[1], null, null, null, null, null, null)
        : Profile.of(names, null, words[0], null, null, null, null, null, null);
  }

  private static void putKnown(Map<String, String> keys, String type, String value) {
    if (value != null && !value.isEmpty()) {
      keys.put(type, value);
    }
  }
}
