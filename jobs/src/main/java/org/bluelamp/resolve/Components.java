package org.bluelamp.resolve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph on Spark, by minimum-label propagation: every node
 * starts labelled with its own id and takes the smallest label among itself and its neighbours
 * until no label changes (as many rounds as the longest shortest path, a handful for the star-like
 * graphs of record linkage).
 */
final class Components {
  private Components() {}

  /**
   * {@code edges} ({@code a_id}, {@code b_id}, longs) -> one row per node in an edge: {@code
   * profile_id} and {@code component} (the smallest id in its component).
   */
  static Dataset<Row> of(Dataset<Row> edges) {
    Dataset<Row> both =
        edges
            .select(col("a_id").as("src"), col("b_id").as("dst"))
            .union(edges.select(col("b_id").as("src"), col("a_id").as("dst")))
            .localCheckpoint();
    Dataset<Row> labels =
        both.groupBy(col("src").as("profile_id"))
            .agg(least(min(col("dst")), col("src")).as("component"))
            .localCheckpoint();
    while (true) {
      Dataset<Row> next =
          both.join(labels, both.col("dst").equalTo(labels.col("profile_id")))
              .groupBy(both.col("src").as("profile_id"))
              .agg(min(col("component")).as("neighbour"))
              .join(labels, "profile_id")
              .select(col("profile_id"), least(col("neighbour"), col("component")).as("component"))
              .localCheckpoint();
      long changed =
          next.join(labels.withColumnRenamed("component", "before"), "profile_id")
              .filter(col("component").notEqual(col("before")))
              .count();
      labels = next;
      if (changed == 0) {
        return labels;
      }
    }
  }
}
