package org.bluelamp.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.trim;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;

/**
 * What a data-quality report says about any record of a source, typed or not: its key as one
 * string, the service that sent it and when the event happened. Used on quarantined records (while
 * their typed columns still exist) and on accepted ones in bronze.
 */
public final class RecordFacts {
  private RecordFacts() {}

  /** The record's key columns joined with {@code |} (NULL parts skipped). */
  public static Column key(SourceContract contract) {
    return concat_ws(
        "|", contract.key().stream().map(k -> col(k).cast("string")).toArray(Column[]::new));
  }

  /**
   * The contract's service column, or the system's name where the contract names none or the record
   * leaves it blank.
   */
  public static Column service(SourceContract contract) {
    Column system = lit(contract.system());
    return contract
        .service()
        .map(s -> coalesce(nullif(trim(col(s).cast("string")), lit("")), system))
        .orElse(system);
  }

  /** The event time of the entity the source feeds, as a timestamp; NULL where there is none. */
  public static Column eventAt(SourceContract contract, Pipelines pipelines) {
    Optional<String> eventTime =
        contract
            .entity()
            .map(e -> pipelines.entities().get(e))
            .flatMap(EntitySpec::eventTime)
            .filter(t -> contract.outputColumns().contains(t));
    return eventTime.map(t -> col(t).cast("timestamp")).orElse(lit(null).cast("timestamp"));
  }
}
