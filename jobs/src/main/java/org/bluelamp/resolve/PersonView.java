package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bluelamp.lake.SparkColumns.columns;
import static org.bluelamp.lake.SparkColumns.seq;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;

/**
 * {@code gold.person_view}: one row per force and person entity of {@code gold.person_link}, with
 * what every source recorded of them: the name and date of birth most often recorded, the latest
 * address, phone and identity document, every spelling and every address (with the dates recorded),
 * the counts of their records by event type, their roles, every record on a timeline (newest
 * first), their associates (the persons sharing most events with them: co-offenders, victims, the
 * other party of a safeguarding link), the harm of the crimes they are recorded offender and victim
 * in (by month), and the current flags: wanted (an outstanding named suspect), missing (an open
 * missing person case) and safeguarding (a party of a safeguarding link).
 */
public final class PersonView {
  /** Associates listed per person, those sharing most events first. */
  static final int ASSOCIATES = 5;

  private static final List<String> PERSON = List.of("force_id", "person_id");

  private PersonView() {}

  public static Dataset<Row> build(Lake lake, Pipelines pipelines, BuildCache cache) {
    PersonLinkageSpec spec = PersonLinkageSpec.load(pipelines);
    Dataset<Row> details =
        Mentions.read(lake, spec.file(), spec.mentions(), PersonLinkageSpec.FIELDS)
            .select(
                "force_id",
                "mention_id",
                "forename",
                "surname",
                "dob",
                "address",
                "phone",
                "document");
    Dataset<Row> mentions =
        cache.keep(
            lake.read(Tables.PERSON_LINK)
                .select(
                    "force_id",
                    "person_id",
                    "mention_id",
                    "role",
                    "event_type",
                    "event_id",
                    "event_at",
                    "_source",
                    Clearance.COLUMN)
                .join(details, seq(List.of("force_id", "mention_id")), "left"));
    Dataset<Row> crimes =
        lake.read(Tables.CRIME).select("force_id", "crime_id", "harm_days", "outcome_code");
    return Clearance.tiered(mentions, PERSON, visible -> view(lake, spec, crimes, visible));
  }

  /** The view of each person from {@code mentions}. */
  private static Dataset<Row> view(
      Lake lake, PersonLinkageSpec spec, Dataset<Row> crimes, Dataset<Row> mentions) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as("mentions"));
    for (String type : spec.mentions().stream().map(Mention::eventType).distinct().toList()) {
      aggregates.add(
          sum(when(col("event_type").equalTo(type), 1).otherwise(0)).as(type + "_records"));
    }
    Column name =
        when(
            col("forename").isNotNull().or(col("surname").isNotNull()),
            concat_ws(" ", col("forename"), col("surname")));
    aggregates.add(concat_ws(", ", sort_array(collect_set(col("role")))).as("roles"));
    aggregates.add(min("event_at").as("first_seen"));
    aggregates.add(max("event_at").as("last_seen"));
    aggregates.add(concat_ws("; ", sort_array(collect_set(name))).as("names_recorded"));
    aggregates.add(latest("address"));
    aggregates.add(latest("phone"));
    aggregates.add(latest("document"));
    aggregates.add(max(col("event_type").equalTo("safeguarding")).as("safeguarding_concern"));
    // A person's row shows what all its records say: it needs the highest clearance of them.
    aggregates.add(max(Clearance.COLUMN).as(Clearance.COLUMN));
    aggregates.add(
        sort_array(
                collect_list(
                    struct(
                        col("event_at"),
                        col("event_type"),
                        col("event_id"),
                        col("role"),
                        col("_source").as("source"),
                        col("mention_id"))),
                false)
            .as("timeline"));
    Dataset<Row> persons =
        mentions
            .groupBy(columns(PERSON))
            .agg(
                aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    return persons
        .join(mostFrequent(mentions, List.of("forename", "surname")), seq(PERSON), "left")
        .join(mostFrequent(mentions, List.of("dob")), seq(PERSON), "left")
        .join(addresses(mentions), seq(PERSON), "left")
        .join(associates(mentions), seq(PERSON), "left")
        .withColumn("associates", expr("coalesce(associates, array())"))
        .join(harm(crimes, mentions), seq(PERSON), "left")
        .withColumn("harm_caused", expr("coalesce(harm_caused, 0D)"))
        .withColumn("harm_suffered", expr("coalesce(harm_suffered, 0D)"))
        .withColumn("harm_timeline", expr("coalesce(harm_timeline, array())"))
        .join(wanted(lake, crimes, mentions), seq(PERSON), "left")
        .withColumn("wanted", expr("coalesce(wanted, false)"))
        .join(missing(lake, mentions), seq(PERSON), "left")
        .withColumn("missing", expr("coalesce(missing, false)"));
  }

  /**
   * Per person, the harm ({@code silver.crime.harm_days}) of the distinct crimes they are recorded
   * offender in ({@code harm_caused}) and victim of ({@code harm_suffered}), and both by month of
   * the crime's recording ({@code harm_timeline}, newest first, months with harm only).
   */
  private static Dataset<Row> harm(Dataset<Row> crimes, Dataset<Row> mentions) {
    Dataset<Row> involved =
        mentions
            .filter(col("event_type").equalTo("crime").and(col("role").isin("offender", "victim")))
            .select(
                col("force_id"),
                col("person_id"),
                col("role"),
                col("event_id").as("crime_id"),
                date_format(col("event_at"), "yyyy-MM").as("month"))
            .distinct()
            .join(
                crimes.select("force_id", "crime_id", "harm_days"),
                seq(List.of("force_id", "crime_id")));
    Column caused = sum(when(col("role").equalTo("offender"), col("harm_days")).otherwise(0D));
    Column suffered = sum(when(col("role").equalTo("victim"), col("harm_days")).otherwise(0D));
    List<String> month = new ArrayList<>(PERSON);
    month.add("month");
    Dataset<Row> monthly =
        involved
            .groupBy(columns(month))
            .agg(caused.as("caused"), suffered.as("suffered"))
            .filter(col("caused").plus(col("suffered")).gt(0))
            .groupBy(columns(PERSON))
            .agg(
                sort_array(
                        collect_list(struct(col("month"), col("caused"), col("suffered"))), false)
                    .as("harm_timeline"));
    return involved
        .groupBy(columns(PERSON))
        .agg(caused.as("harm_caused"), suffered.as("harm_suffered"))
        .join(monthly, seq(PERSON), "left");
  }

  /**
   * Persons recorded offender in a crime that has no outcome yet and for which they have not been
   * arrested: outstanding named suspects, as {@code wanted = true}. (A warrants or PNC "wanted"
   * feed, once a force integrates one, is the better source.)
   */
  private static Dataset<Row> wanted(Lake lake, Dataset<Row> crimes, Dataset<Row> mentions) {
    List<String> crime = List.of("force_id", "crime_id");
    List<String> personCrime = new ArrayList<>(PERSON);
    personCrime.add("crime_id");
    Dataset<Row> named =
        mentions
            .filter(col("event_type").equalTo("crime").and(col("role").equalTo("offender")))
            .select(col("force_id"), col("person_id"), col("event_id").as("crime_id"))
            .join(crimes.filter(col("outcome_code").isNull()).select(columns(crime)), seq(crime));
    if (lake.exists(Tables.ARREST)) { // a force may record no arrests
      Dataset<Row> arrested =
          mentions
              .filter(col("event_type").equalTo("arrest"))
              .select(col("force_id"), col("person_id"), col("event_id").as("arrest_id"))
              .join(
                  lake.read(Tables.ARREST).select("force_id", "arrest_id", "crime_id"),
                  seq(List.of("force_id", "arrest_id")))
              .select(columns(personCrime));
      named = named.join(arrested, seq(personCrime), "left_anti");
    }
    return named.select(columns(PERSON)).distinct().withColumn("wanted", lit(true));
  }

  /** Persons with a missing person case not closed by a found date: {@code missing = true}. */
  private static Dataset<Row> missing(Lake lake, Dataset<Row> mentions) {
    Dataset<Row> cases = mentions.filter(col("event_type").equalTo("missing"));
    if (!lake.exists(Tables.MISSING_PERSON)) { // then there are no such mentions either
      return cases.select(columns(PERSON)).withColumn("missing", lit(true));
    }
    return cases
        .select(col("force_id"), col("person_id"), col("event_id").as("case_id"))
        .join(
            lake.read(Tables.MISSING_PERSON)
                .filter(col("found_at").isNull())
                .select("force_id", "case_id"),
            seq(List.of("force_id", "case_id")))
        .select(columns(PERSON))
        .distinct()
        .withColumn("missing", lit(true));
  }

  /** The latest value of {@code column} recorded (by event time), as {@code column}. */
  private static Column latest(String column) {
    return max(when(col(column).isNotNull(), struct(col("event_at"), col(column))))
        .getField(column)
        .as(column);
  }

  /** Per person, the values of {@code fields} recorded together most often (ties: the first). */
  private static Dataset<Row> mostFrequent(Dataset<Row> mentions, List<String> fields) {
    List<String> grouped = new ArrayList<>(PERSON);
    grouped.addAll(fields);
    Column known = lit(false);
    List<Column> order = new ArrayList<>(List.of(col("count").desc()));
    for (String field : fields) {
      known = known.or(col(field).isNotNull());
      order.add(col(field));
    }
    return mentions
        .filter(known)
        .groupBy(columns(grouped))
        .count()
        .withColumn(
            "rank",
            row_number()
                .over(Window.partitionBy(columns(PERSON)).orderBy(order.toArray(Column[]::new))))
        .filter(col("rank").equalTo(1))
        .drop("count", "rank");
  }

  /** Per person, every address recorded with its first and last date: {@code addresses}. */
  private static Dataset<Row> addresses(Dataset<Row> mentions) {
    List<String> grouped = new ArrayList<>(PERSON);
    grouped.add("address");
    Column text =
        concat(
            col("address"),
            lit(" ("),
            date_format(col("first"), "yyyy-MM-dd"),
            lit(" to "),
            date_format(col("last"), "yyyy-MM-dd"),
            lit(")"));
    return mentions
        .filter(col("address").isNotNull())
        .groupBy(columns(grouped))
        .agg(min("event_at").as("first"), max("event_at").as("last"))
        .groupBy(columns(PERSON))
        .agg(sort_array(collect_list(struct(col("first"), text.as("text")))).as("dated"))
        .select(
            col("force_id"),
            col("person_id"),
            expr("array_join(dated.text, '; ')").as("addresses"));
  }

  /**
   * Per person, the {@link #ASSOCIATES} other persons sharing most events with them (the same
   * crime, the same safeguarding link), as {@code associates}: an array of (shared_events,
   * person_id), most shared first.
   */
  private static Dataset<Row> associates(Dataset<Row> mentions) {
    List<String> event = List.of("force_id", "event_type", "event_id");
    List<String> selected = new ArrayList<>(event);
    selected.add("person_id");
    Dataset<Row> parties =
        mentions.filter(col("event_id").isNotNull()).select(columns(selected)).distinct();
    Dataset<Row> others = parties.withColumnRenamed("person_id", "associate");
    return parties
        .join(others, seq(event))
        .filter(col("person_id").notEqual(col("associate")))
        .groupBy("force_id", "person_id", "associate")
        .agg(count(lit(1)).as("shared_events"))
        .withColumn(
            "rank",
            row_number()
                .over(
                    Window.partitionBy(columns(PERSON))
                        .orderBy(col("shared_events").desc(), col("associate"))))
        .filter(col("rank").leq(ASSOCIATES))
        .groupBy(columns(PERSON))
        .agg(
            sort_array(
                    collect_list(struct(col("shared_events"), col("associate").as("person_id"))),
                    false)
                .as("associates"));
  }
}
