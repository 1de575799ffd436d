package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TestMannKendall {
  /**
   * 1, 3, 2, 5, 4 by hand: of the 10 pairs 8 rise and 2 fall ((3, 2) and (5, 4)), so S = 6; Var = 5
   * * 4 * 15 / 18 = 300/18; z = (6 - 1) / sqrt(300/18); p from Python's math.erfc(z / sqrt 2).
   */
  @Test
  void aRisingSeriesWorkedByHand() {
    MannKendall.Result result = MannKendall.test(new double[] {1, 3, 2, 5, 4});
    assertThat(result.s()).isEqualTo(6);
    assertThat(result.variance()).isCloseTo(300.0 / 18, within(1e-12));
    assertThat(result.z()).isCloseTo(1.224744871391589, within(1e-9));
    assertThat(result.p()).isCloseTo(0.22067136191984688, within(1e-9));
  }

  /**
   * 1, 2, 2, 3: five pairs rise, the tied pair counts 0, S = 5; one tie group of 2 takes 2 * 1 * 9
   * from 4 * 3 * 13: Var = 138 / 18; z = 4 / sqrt(138/18).
   */
  @Test
  void tiesReduceTheVariance() {
    MannKendall.Result result = MannKendall.test(new double[] {1, 2, 2, 3});
    assertThat(result.s()).isEqualTo(5);
    assertThat(result.variance()).isCloseTo(138.0 / 18, within(1e-12));
    assertThat(result.z()).isCloseTo(1.4446302370292303, within(1e-9));
  }

  @Test
  void aFallingSeriesIsNegativeAndAFlatOneHasNoTrend() {
    MannKendall.Result falling = MannKendall.test(new double[] {5, 4, 3, 2, 1});
    assertThat(falling.s()).isEqualTo(-10);
    assertThat(falling.z()).isCloseTo(-9 / Math.sqrt(300.0 / 18), within(1e-12));
    MannKendall.Result flat = MannKendall.test(new double[] {2, 2, 2, 2});
    assertThat(flat.s()).isZero();
    assertThat(flat.z()).isZero();
    assertThat(flat.p()).isEqualTo(1.0);
  }
}
