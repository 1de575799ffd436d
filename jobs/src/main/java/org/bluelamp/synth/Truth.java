package org.bluelamp.synth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the generator planted in one force, written beside the data as {@code truth/<force>.json}
 * (and the true identity behind every person and vehicle record in {@code identitiesFile}, and
 * every way an address was written with the address it stands for in {@code placesFile}) so that
 * tests and analysts check what the pipelines recover against what was put there.
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
    List<Warning> warnings,
    List<Update> updates,
    List<DailyCount> crimeCountsDaily,
    List<ResponseTime> responseTimes,
    Map<String, Double> annualTrends,
    Seasonality seasonality,
    List<InterventionEffect> interventionEffects,
    String identitiesFile,
    String placesFile,
    PlantedPerson plantedPerson) {

  /**
   * The person planted in several systems with several spellings (identity as in the identities
   * file), to be found again as one person; null where the force plants no one.
   */
  public record PlantedPerson(String identity, List<String> spellings, Set<String> systems) {}

  /**
   * A planted hot-spot: centre in the force's CRS, Gaussian spread, share of all incidents while
   * active (local days {@code from} to {@code to}), and the local hour its events peak at.
   */
  public record Hotspot(
      String id,
      double x,
      double y,
      double sigmaMetres,
      double share,
      int peakHour,
      String from,
      String to) {}

  /** Per source: records written (or loaded), how many of them are clean, distinct keys. */
  public record SourceTruth(long records, long clean, long distinctKeys) {}

  /** A defective record: where it is, what is wrong, and the rule that must catch it. */
  public record Defect(
      String source,
      String file,
      long line,
      String kind,
      String rule,
      String key,
      String service) {}

  /**
   * A record loaded with a planted coding error that a warning rule flags (an arrival before the
   * dispatch, a description that contradicts the code): its key, category and sending service.
   */
  public record Warning(String source, String key, String category, String service) {}

  /** A record sent again later with a higher sequence: the later value must win. */
  public record Update(String source, String key, String column, String value) {}

  /**
   * Clean crimes per ward, offence and local date as the counting rules count them (principal crime
   * of each finished incident, once per victim): the oracle for the gold crime counts.
   */
  public record DailyCount(
      String wardId, String category, String offenceCode, String localDate, long count) {}

  /**
   * Response by grade: share of calls, and the uniform waits (0 to the maximum, in minutes) to
   * dispatch and then to arrival; a grade with no dispatch is resolved without deployment.
   */
  public record ResponseTime(
      String grade, double share, int dispatchMaxMinutes, int travelMaxMinutes) {}

  /**
   * Demand through the year: calls (and so incidents and crimes) on a day are multiplied by {@code
   * 1 + amplitude * cos(2 pi (day of year - peakDayOfYear) / 365.25)}. The crime categories' shares
   * move by {@code annualTrends}: each offence of category c weighs {@code (1 + trend_c)^years}
   * since {@code trendOrigin}, normalised over the force's offence list.
   */
  public record Seasonality(double amplitude, int peakDayOfYear, String trendOrigin) {}

  /**
   * An intervention with a planted effect: while it runs, collisions within its radius drop by
   * {@code reduction} (a fraction).
   */
  public record InterventionEffect(
      String interventionId,
      String kind,
      double x,
      double y,
      double radiusMetres,
      String startsOn,
      String endsOn,
      double reduction) {}
}
