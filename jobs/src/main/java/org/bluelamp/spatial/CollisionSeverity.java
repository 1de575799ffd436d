package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The conformed severities of a road traffic collision ({@code silver.collision.severity_class},
 * the worst injury in it) and their weights in a severity index: the Accident Severity Index's 7 /
 * 3 / 1 for fatal / serious / slight, which ranks a place of one fatal collision above one of a few
 * slight ones without letting rare deaths drown every other signal (the cost-based "equivalent
 * property damage only" weights put a death at 100 or more slight collisions). The tables keep the
 * count of each severity beside the index, so an analyst can weigh otherwise in SQL (killed or
 * seriously injured, KSI, is {@code fatal_count + serious_count}).
 */
public enum CollisionSeverity {
  FATAL("fatal", 7),
  SERIOUS("serious", 3),
  SLIGHT("slight", 1);

  private final String code;
  private final double weight;

  CollisionSeverity(String code, double weight) {
    this.code = code;
    this.weight = weight;
  }

  /** The value of {@code severity_class}. */
  public String code() {
    return code;
  }

  public double weight() {
    return weight;
  }

  /**
   * The weight of a collision of {@code severityClass}; a collision of unknown severity counts as
   * slight (it was recorded, so someone was at least at risk).
   */
  public static Column weight(Column severityClass) {
    Column weight = lit(SLIGHT.weight);
    for (CollisionSeverity severity : values()) {
      weight = when(severityClass.equalTo(severity.code), severity.weight).otherwise(weight);
    }
    return weight;
  }
}
