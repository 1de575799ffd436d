package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestFellegiSunter {
  private static final int[] LEVELS = Linkage.levels();

  /** The true parameters of the simulated pairs: P(level | match) and P(level | non-match). */
  private static final double[][] M = {
    {0.02, 0.03, 0.35, 0.60},
    {0.01, 0.04, 0.25, 0.70},
    {0.02, 0.03, 0.95},
    {0.01, 0.02, 0.07, 0.90},
    {0.35, 0.05, 0.60},
    {0.02, 0.98},
    {0.03, 0.02, 0.95},
    {0.6, 0.4}
  };

  private static final double[][] U = {
    {0.90, 0.01, 0.03, 0.06},
    {0.88, 0.01, 0.02, 0.09},
    {0.97, 0.01, 0.02},
    {0.98, 0.0199, 0.00005, 0.00005},
    {0.995, 0.001, 0.004},
    {0.9999, 0.0001},
    {0.9998, 0.0001, 0.0001},
    {0.9995, 0.0005}
  };

  private static int draw(double[] probabilities, SplittableRandom random) {
    double u = random.nextDouble();
    for (int level = 0; level < probabilities.length - 1; level++) {
      u -= probabilities[level];
      if (u < 0) {
        return level;
      }
    }
    return probabilities.length - 1;
  }

  /** Pairs drawn from the model, a share {@code lambda} matches; fields independent per class. */
  private static Map<Integer, Long> simulate(long pairs, double lambda, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, Long> patterns = new HashMap<>();
    for (long i = 0; i < pairs; i++) {
      double[][] source = random.nextDouble() < lambda ? M : U;
      int[] vector = new int[LEVELS.length];
      for (int f = 0; f < vector.length; f++) {
        vector[f] = random.nextDouble() < 0.1 ? Comparison.MISSING : draw(source[f], random);
      }
      patterns.merge(Comparison.encode(vector), 1L, Long::sum);
    }
    return patterns;
  }

  @Test
  void emRecoversMAndTheShareOfMatchesFromUnlabelledPairs() {
    FellegiSunter model =
        FellegiSunter.estimate(
            simulate(400_000, 0.3, 1L),
            U,
            FellegiSunter.initialM(LEVELS),
            0.1,
            new boolean[LEVELS.length],
            500);
    assertThat(model.lambda()).isCloseTo(0.3, within(0.005));
    for (int f = 0; f < LEVELS.length; f++) {
      for (int l = 0; l < LEVELS[f]; l++) {
        assertThat(model.m()[f][l]).as("m[%d][%d]", f, l).isCloseTo(M[f][l], within(0.01));
      }
    }
  }

  @Test
  void aBlockedFieldKeepsItsStartingM() {
    boolean[] blocked = new boolean[LEVELS.length];
    blocked[Comparison.Field.DOB.ordinal()] = true;
    double[][] m0 = FellegiSunter.initialM(LEVELS);
    FellegiSunter model =
        FellegiSunter.estimate(simulate(100_000, 0.3, 2L), U, m0, 0.1, blocked, 500);
    assertThat(model.m()[Comparison.Field.DOB.ordinal()])
        .containsExactly(m0[Comparison.Field.DOB.ordinal()]);
    assertThat(model.m()[Comparison.Field.PHONE.ordinal()][1]).isCloseTo(0.98, within(0.01));
  }

  @Test
  void randomPairsGiveUWithoutTheMatchesAmongThem() {
    // One random pair in a hundred is the same person (a frequently recorded one): counting every
    // random pair as a non-match would make an exact date of birth look 200 times commoner.
    Map<Integer, Long> patterns = simulate(1_000_000, 0.01, 3L);
    FellegiSunter model =
        FellegiSunter.fromRandomPairs(
            patterns, FellegiSunter.initialM(LEVELS), Comparison.names(), 1000);
    int dob = Comparison.Field.DOB.ordinal();
    assertThat(model.lambda()).isCloseTo(0.01, within(0.001));
    assertThat(model.u()[dob][3]).isLessThan(0.0002);
    assertThat(model.u()[Comparison.Field.SURNAME.ordinal()][3]).isCloseTo(0.09, within(0.005));
    long exactDob = 0;
    long knownDob = 0;
    for (Map.Entry<Integer, Long> pattern : patterns.entrySet()) {
      int level = Comparison.decode(pattern.getKey())[dob];
      knownDob += level == Comparison.MISSING ? 0 : pattern.getValue();
      exactDob += level == 3 ? pattern.getValue() : 0;
    }
    assertThat((double) exactDob / knownDob).isGreaterThan(0.008);
  }

  @Test
  void theMatchWeightIsThePriorOddsPlusTheFieldsBayesFactorsInBits() {
    FellegiSunter model = new FellegiSunter(0.2, M, U, 0);
    int[] vector = {3, 3, Comparison.MISSING, 2, 0, 1};
    double expected =
        Math.log(0.2 / 0.8) / Math.log(2)
            + Math.log(0.60 / 0.06) / Math.log(2)
            + Math.log(0.70 / 0.09) / Math.log(2)
            + Math.log(0.07 / 0.00005) / Math.log(2)
            + Math.log(0.35 / 0.995) / Math.log(2)
            + Math.log(0.98 / 0.0001) / Math.log(2);
    assertThat(model.weight(vector)).isCloseTo(expected, within(1e-9));
    assertThat(FellegiSunter.probability(FellegiSunter.weightOf(0.99)))
        .isCloseTo(0.99, within(1e-12));
  }
}
