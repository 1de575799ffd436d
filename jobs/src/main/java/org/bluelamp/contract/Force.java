package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A police force: its time zone and projected CRS, the extent (in that CRS) outside which a located
 * record is out of area, the square grid its hot-spot analysis uses, and where its source systems
 * drop their files ({@code landing}: a folder or an object-store URI such as {@code
 * s3a://bucket/landing}, a relative folder being under {@code BLUELAMP_HOME}; each of its source
 * contracts' {@code reader.path} is a folder under it). Without {@code landing}, {@link
 * #DEFAULT_LANDING}.
 */
public record Force(
    String id, String name, ZoneId zone, String crs, Extent extent, Grid grid, String landing) {
  /** Where a force that does not say lands its files: {@code <BLUELAMP_HOME>/landing}. */
  public static final String DEFAULT_LANDING = "landing";

  public Force {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(zone, "zone");
    requireNonNull(crs, "crs");
    requireNonNull(extent, "extent");
    requireNonNull(grid, "grid");
    requireNonNull(landing, "landing");
  }

  /**
   * Square cells of {@code cellMetres} in the force's CRS (aligned on its origin), and the distance
   * band (centre to centre) within which cells are neighbours for Getis-Ord statistics.
   */
  public record Grid(double cellMetres, double bandMetres) {
    /** 250 m cells with a 750 m band: a street-level grid for an urban force. */
    public static final Grid DEFAULT = new Grid(250, 750);

    /** The band in cell sizes. */
    public double bandCells() {
      return bandMetres / cellMetres;
    }
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
