package org.bluelamp.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a Java builder reads more than once while making its table: kept in memory for the build and
 * released when the table is written.
 */
public final class BuildCache implements AutoCloseable {
  private final List<Dataset<Row>> kept = new ArrayList<>();

  /** {@code data}, persisted until the build ends. */
  public Dataset<Row> keep(Dataset<Row> data) {
    kept.add(data);
    return data.persist();
  }

  @Override
  public void close() {
    kept.forEach(Dataset::unpersist);
  }
}
