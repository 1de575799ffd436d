package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.bluelamp.spatial.EmergingHotSpots.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One golden series per pattern, each written from Esri's definition of it (ten steps, oldest
 * first; +-1..3 significant, 0 not), with the trend that definition needs.
 */
class TestEmergingHotSpots {
  private static final double RISING = 3.0;
  private static final double FLAT = 0.2;

  private record Series(int[] bins, double trendZ) {}

  private static Series series(double trendZ, int... bins) {
    return new Series(bins, trendZ);
  }

  private static final Map<Pattern, Series> GOLDEN = new EnumMap<>(Pattern.class);

  static {
    // hot in the final step and never before
    GOLDEN.put(Pattern.NEW_HOT_SPOT, series(FLAT, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2));
    // an uninterrupted run of hot steps at the end, none before, under 90% of the steps
    GOLDEN.put(Pattern.CONSECUTIVE_HOT_SPOT, series(RISING, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3));
    // hot in 90% of the steps including the final one, clustering rising significantly
    GOLDEN.put(Pattern.INTENSIFYING_HOT_SPOT, series(RISING, 0, 1, 1, 2, 2, 2, 3, 3, 3, 3));
    // hot in 90% of the steps, no significant trend
    GOLDEN.put(Pattern.PERSISTENT_HOT_SPOT, series(FLAT, 3, 2, 3, 3, 2, 3, 0, 3, 2, 3));
    // hot in 90% of the steps including the final one, clustering fading significantly
    GOLDEN.put(Pattern.DIMINISHING_HOT_SPOT, series(-RISING, 3, 3, 3, 3, 3, 2, 2, 1, 1, 1));
    // hot in the final step, on and off before, under 90%, never cold
    GOLDEN.put(Pattern.SPORADIC_HOT_SPOT, series(FLAT, 1, 0, 0, 2, 0, 1, 0, 0, 0, 1));
    // hot in the final step, a cold spot in an earlier step, under 90% hot
    GOLDEN.put(Pattern.OSCILLATING_HOT_SPOT, series(FLAT, -1, 0, 2, 0, -2, 1, 0, 0, 1, 1));
    // not hot in the final step, hot in at least 90% of the steps
    GOLDEN.put(Pattern.HISTORICAL_HOT_SPOT, series(-RISING, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 0));
    GOLDEN.put(Pattern.NEW_COLD_SPOT, series(FLAT, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
    GOLDEN.put(Pattern.CONSECUTIVE_COLD_SPOT, series(-RISING, 0, 0, 0, 0, 0, 0, 0, -1, -2, -2));
    // a cold spot intensifies as its z-scores fall
    GOLDEN.put(
        Pattern.INTENSIFYING_COLD_SPOT, series(-RISING, -1, -1, -1, -2, -2, -2, -3, -3, -3, -3));
    GOLDEN.put(Pattern.PERSISTENT_COLD_SPOT, series(FLAT, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2));
    GOLDEN.put(
        Pattern.DIMINISHING_COLD_SPOT, series(RISING, -3, -3, -3, -3, -2, -2, -2, -1, -1, -1));
    GOLDEN.put(Pattern.SPORADIC_COLD_SPOT, series(FLAT, 0, -1, 0, 0, -1, 0, 0, -2, 0, -1));
    GOLDEN.put(Pattern.OSCILLATING_COLD_SPOT, series(FLAT, 2, 0, -1, 0, 1, 0, 0, -1, 0, -2));
    GOLDEN.put(Pattern.HISTORICAL_COLD_SPOT, series(FLAT, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0));
    // on and off, and not significant in the final step
    GOLDEN.put(Pattern.NO_PATTERN, series(FLAT, 0, 2, 0, 0, -1, 0, 1, 0, 0, 0));
  }

  @Test
  void everyPatternHasAGoldenSeriesClassifiedAsItsDefinitionSays() {
    assertThat(GOLDEN.keySet()).containsExactlyInAnyOrder(Pattern.values());
    for (Map.Entry<Pattern, Series> golden : GOLDEN.entrySet()) {
      Series s = golden.getValue();
      double p = Math.abs(s.trendZ()) >= 1.96 ? 0.003 : 0.84;
      assertThat(EmergingHotSpots.classify(s.bins(), s.trendZ(), p))
          .as(golden.getKey().label())
          .isEqualTo(golden.getKey());
    }
  }

  @Test
  void ninetyPercentIsNineOfTenSteps() {
    int[] nineHot = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    assertThat(EmergingHotSpots.classify(nineHot, 0.1, 0.9)).isEqualTo(Pattern.PERSISTENT_HOT_SPOT);
    int[] eightHot = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    assertThat(EmergingHotSpots.classify(eightHot, 0.1, 0.9))
        .isEqualTo(Pattern.CONSECUTIVE_HOT_SPOT);
  }

  @Test
  void theTrendOfAGoldenSeriesComesFromMannKendall() {
    // The intensifying series' bins as z-scores rise: the trend is significant and upward.
    double[] rising = {0.5, 1.7, 1.8, 2.1, 2.2, 2.4, 2.7, 2.9, 3.1, 3.3};
    MannKendall.Result trend = MannKendall.test(rising);
    int[] bins = GOLDEN.get(Pattern.INTENSIFYING_HOT_SPOT).bins();
    assertThat(EmergingHotSpots.classify(bins, trend.z(), trend.p()))
        .isEqualTo(Pattern.INTENSIFYING_HOT_SPOT);
  }
}
