package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.bluelamp.contract.Action;
import org.bluelamp.contract.BuiltInRule;
import org.bluelamp.contract.ColumnSpec;

/**
 * Casts one raw text column to its declared type. A value that is present but does not parse
 * becomes NULL and a {@code parse:<column>} failure naming the value and the expected form.
 */
final class Typing {
  private static final String INTEGER = "^[+-]?[0-9]+$";
  private static final String DECIMAL = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";
  private static final String BOOLEAN = "^(true|false|yes|no|y|n|t|f|1|0)$";
  private static final Pattern OFFSET_IN_PATTERN = Pattern.compile("[XxZOV]");

  private Typing() {}

  static Column quoted(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** The raw value, trimmed, with empty text as NULL. */
  static Column text(ColumnSpec spec) {
    Column raw = spec.value().map(v -> lit(v)).orElseGet(() -> quoted(spec.from()));
    Column trimmed = trim(raw);
    return when(trimmed.equalTo(""), lit(null).cast("string")).otherwise(trimmed);
  }

  static Column typed(ColumnSpec spec, ZoneId defaultZone) {
    Column text = text(spec);
    return switch (spec.type()) {
      case STRING -> text;
      case INTEGER, LONG -> when(text.rlike(INTEGER), text.cast(spec.type().sparkType()));
      case DOUBLE -> {
        Column normalised = spec.decimalSeparator() == ',' ? regexp_replace(text, ",", ".") : text;
        yield when(normalised.rlike(DECIMAL), normalised.cast("double"));
      }
      case BOOLEAN -> when(lower(text).rlike(BOOLEAN), lower(text).cast("boolean"));
      case DATE -> to_date(text, spec.format().orElse("yyyy-MM-dd"));
      case TIMESTAMP -> timestamp(text, spec, defaultZone);
    };
  }

  private static Column timestamp(Column text, ColumnSpec spec, ZoneId defaultZone) {
    Column parsed =
        spec.format().map(f -> to_timestamp(text, f)).orElseGet(() -> to_timestamp(text));
    boolean absolute = spec.format().map(f -> OFFSET_IN_PATTERN.matcher(f).find()).orElse(false);
    String zone = spec.zone().orElse(defaultZone.getId());
    // With the session in UTC, to_timestamp reads the wall-clock time as if it were UTC;
    // to_utc_timestamp then moves it from the source's zone to the true instant.
    return absolute ? parsed : to_utc_timestamp(parsed, zone);
  }

  static Column parseFailure(ColumnSpec spec, Column typed) {
    Column text = text(spec);
    String expected =
        spec.type().name().toLowerCase(Locale.ROOT)
            + spec.format().map(f -> " in the format " + f).orElse("")
            + (spec.decimalSeparator() == ',' ? " with a decimal comma" : "");
    return Failures.when(
        text.isNotNull().and(typed.isNull()),
        BuiltInRule.PARSE.on(spec.name()),
        spec.from(),
        text,
        Action.QUARANTINE,
        concat(lit("'"), text, lit("' is not a valid " + expected)));
  }

  static Column requiredFailure(ColumnSpec spec) {
    return Failures.when(
        text(spec).isNull(),
        BuiltInRule.REQUIRED.on(spec.name()),
        spec.from(),
        lit(null),
        Action.QUARANTINE,
        lit("a value is required but the field is empty"));
  }
}
