package org.bluelamp.gold;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bluelamp.Progress;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.BuildCache;
import org.bluelamp.lake.Lake;
import org.bluelamp.resolve.PersonResolution;
import org.bluelamp.resolve.PersonSearchKeys;
import org.bluelamp.resolve.PersonView;
import org.bluelamp.resolve.PlaceResolution;
import org.bluelamp.resolve.VehicleResolution;
import org.bluelamp.spatial.Hotspots;

/**
 * The Java builders a gold model's YAML may name ({@code built_by}): the tables that need an
 * algorithm, not a query. Each reads the lake tables its YAML lists under {@code reads}.
 */
public final class GoldBuilders {
  /**
   * Makes a gold table's rows from the lake; what it reads more than once it keeps in {@code
   * cache}, released once the table is written.
   */
  @FunctionalInterface
  public interface Builder {
    Dataset<Row> build(Lake lake, Pipelines pipelines, BuildCache cache, Progress progress);
  }

  /** A builder with nothing to report while it works. */
  @FunctionalInterface
  private interface QuietBuilder {
    Dataset<Row> build(Lake lake, Pipelines pipelines, BuildCache cache);
  }

  private static final Map<String, Builder> BUILDERS =
      Map.ofEntries(
          Map.entry("square_grid_counts", quiet(Hotspots::gridCounts)),
          Map.entry("getis_ord_gi_star", quiet(Hotspots::giStar)),
          Map.entry("collision_severity_gi_star", quiet(Hotspots::collisionCells)),
          Map.entry("emerging_hot_spots", quiet(Hotspots::emerging)),
          Map.entry("kernel_density", quiet(Hotspots::kernelDensity)),
          Map.entry("knox_near_repeat", quiet(Hotspots::nearRepeat)),
          Map.entry("person_resolution", PersonResolution::build),
          Map.entry("person_view", quiet(PersonView::build)),
          Map.entry("person_search", quiet(PersonSearchKeys::build)),
          Map.entry("vehicle_resolution", VehicleResolution::build),
          Map.entry("place_resolution", PlaceResolution::build));

  private GoldBuilders() {}

  private static Builder quiet(QuietBuilder builder) {
    return (lake, pipelines, cache, progress) -> builder.build(lake, pipelines, cache);
  }

  public static Set<String> names() {
    return new TreeSet<>(BUILDERS.keySet());
  }

  static Builder named(String name) {
    return BUILDERS.get(name);
  }
}
