package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A police force: its time zone and projected CRS, and the extent (in that CRS) outside which a
 * located record is out of area.
 */
public record Force(String id, String name, ZoneId zone, String crs, Extent extent) {
  public Force {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(zone, "zone");
    requireNonNull(crs, "crs");
    requireNonNull(extent, "extent");
  }

  /** An axis-aligned box in the force's projected CRS, in metres. */
  public record Extent(double minX, double minY, double maxX, double maxY) {
    public boolean contains(double x, double y) {
      return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
  }

  /** The SQL predicate selecting the rows of these forces in a table with {@code force_id}. */
  public static String rowsOf(List<String> forceIds) {
    return forceIds.stream()
        .map(f -> "'" + f.replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "force_id IN (", ")"));
  }
}
