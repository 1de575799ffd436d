package org.bluelamp.synth;

import java.util.List;
import java.util.Map;

/**
 * What the generator planted, written beside the data as {@code truth/<force>.json} so that tests
 * check what the pipelines recover against what was put there.
 */
public record Truth(
    String force,
    long seed,
    String start,
    int days,
    double scale,
    int h3Resolution,
    List<Hotspot> hotspots,
    Map<String, SourceTruth> sources,
    List<Defect> defects,
    List<Update> updates,
    List<DailyCount> crimeCountsDaily) {

  /** A planted hot-spot: centre in the force's CRS, spread and share of all events. */
  public record Hotspot(String id, double x, double y, double sigmaMetres, double share) {}

  /** Per source: records written to landing, and how many of them are clean. */
  public record SourceTruth(long records, long clean, long distinctKeys) {}

  /** A defective record: where it is, what is wrong, and the rule that must catch it. */
  public record Defect(
      String source, String file, long line, String kind, String rule, String key) {}

  /** A record sent again later with a higher sequence: the later values must win. */
  public record Update(String source, String key, String closedLocal) {}

  /** Clean crimes per ward, category and local date (the oracle for gold.crime_counts_daily). */
  public record DailyCount(String wardId, String category, String localDate, long count) {}
}
