package org.bluelamp.spatial;

/**
 * Esri's emerging hot-spot patterns of one location of a space-time cube, from the confidence bins
 * of its time steps (oldest first; non-zero is a significant hot or cold spot) and the Mann-Kendall
 * trend of its Gi* z-scores. The definitions are Esri's ("How Emerging Hot Spot Analysis works");
 * where they leave an order open, the first that fits wins, in this order for a location hot in the
 * final step (cold is the mirror image):
 *
 * <ul>
 *   <li>hot in at least 90% of the steps: <b>intensifying</b> with a significant upward trend,
 *       <b>diminishing</b> with a significant downward one, else <b>persistent</b>;
 *   <li>hot in the final step only: <b>new</b>;
 *   <li>one uninterrupted run of at least two hot steps at the end and never hot before it:
 *       <b>consecutive</b>;
 *   <li>ever a cold spot: <b>oscillating</b>; else <b>sporadic</b>.
 * </ul>
 *
 * Not hot (nor cold) in the final step but hot (cold) in at least 90% of the steps: <b>historical
 * hot (cold) spot</b>. Anything else: <b>no pattern</b>. A trend is significant at {@link
 * #TREND_ALPHA}.
 */
public final class EmergingHotSpots {
  /** The two-sided p-value under which a Mann-Kendall trend counts as significant. */
  public static final double TREND_ALPHA = 0.05;

  /** Esri's minimum number of time steps for the analysis. */
  public static final int MIN_STEPS = 10;

  /** The 17 patterns, named as the gold table names them. */
  public enum Pattern {
    NEW_HOT_SPOT,
    CONSECUTIVE_HOT_SPOT,
    INTENSIFYING_HOT_SPOT,
    PERSISTENT_HOT_SPOT,
    DIMINISHING_HOT_SPOT,
    SPORADIC_HOT_SPOT,
    OSCILLATING_HOT_SPOT,
    HISTORICAL_HOT_SPOT,
    NEW_COLD_SPOT,
    CONSECUTIVE_COLD_SPOT,
    INTENSIFYING_COLD_SPOT,
    PERSISTENT_COLD_SPOT,
    DIMINISHING_COLD_SPOT,
    SPORADIC_COLD_SPOT,
    OSCILLATING_COLD_SPOT,
    HISTORICAL_COLD_SPOT,
    NO_PATTERN;

    /** The name as stored: {@code new_hot_spot}, ... */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private EmergingHotSpots() {}

  /**
   * @param bins each step's confidence bin, oldest first (+-1..3 significant, 0 not)
   * @param trendZ the Mann-Kendall z of the location's Gi* z-scores (positive: rising)
   * @param trendP its two-sided p-value
   */
  public static Pattern classify(int[] bins, double trendZ, double trendP) {
    int steps = bins.length;
    int hot = 0;
    int cold = 0;
    for (int bin : bins) {
      hot += bin > 0 ? 1 : 0;
      cold += bin < 0 ? 1 : 0;
    }
    int last = bins[steps - 1];
    boolean trend = trendP < TREND_ALPHA;
    if (last > 0) {
      return side(bins, hot, cold, trend ? Math.signum(trendZ) : 0, true);
    }
    if (last < 0) {
      // A cold spot grows more intense as its z-scores fall.
      return side(bins, cold, hot, trend ? -Math.signum(trendZ) : 0, false);
    }
    if (hot >= 0.9 * steps) {
      return Pattern.HISTORICAL_HOT_SPOT;
    }
    if (cold >= 0.9 * steps) {
      return Pattern.HISTORICAL_COLD_SPOT;
    }
    return Pattern.NO_PATTERN;
  }

  /**
   * A location significant on one side in the final step: {@code same} steps on that side, {@code
   * other} on the other, {@code intensity} +1 when clustering grows significantly, -1 when it
   * fades.
   */
  private static Pattern side(int[] bins, int same, int other, double intensity, boolean hotSide) {
    int steps = bins.length;
    Pattern pattern;
    if (same >= 0.9 * steps) {
      pattern =
          intensity > 0
              ? Pattern.INTENSIFYING_HOT_SPOT
              : intensity < 0 ? Pattern.DIMINISHING_HOT_SPOT : Pattern.PERSISTENT_HOT_SPOT;
    } else if (same == 1) {
      pattern = Pattern.NEW_HOT_SPOT;
    } else if (same == finalRun(bins, hotSide)) {
      pattern = Pattern.CONSECUTIVE_HOT_SPOT;
    } else if (other > 0) {
      pattern = Pattern.OSCILLATING_HOT_SPOT;
    } else {
      pattern = Pattern.SPORADIC_HOT_SPOT;
    }
    return hotSide ? pattern : Pattern.valueOf(pattern.name().replace("_HOT_", "_COLD_"));
  }

  /** The length of the run of same-side steps that ends with the final step. */
  private static int finalRun(int[] bins, boolean hotSide) {
    int run = 0;
    for (int i = bins.length - 1; i >= 0 && (hotSide ? bins[i] > 0 : bins[i] < 0); i--) {
      run++;
    }
    return run;
  }
}
