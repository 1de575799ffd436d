package org.bluelamp.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.bluelamp.spatial.Knox.Bands;
import org.bluelamp.spatial.Knox.Cell;
import org.junit.jupiter.api.Test;

class TestKnox {
  private static final Bands NEAR = new Bands(new double[] {100, 200}, new int[] {7, 14});

  private static Cell cell(List<Cell> cells, int space, int time) {
    return cells.stream().filter(c -> c.space() == space && c.time() == time).findFirst().get();
  }

  /**
   * Worked by hand. A (0, 0) day 0, B (50, 0) day 3, C (0, 150) day 10, D (1000, 1000) day 1.
   * Pairs: A-B 50 m, 3 days (0-100 m, 0-7 d); A-C 150 m, 10 days (100-200 m, 8-14 d); B-C 158 m, 7
   * days (100-200 m, 0-7 d); D is near nothing. Shuffled, a pair's two dates are any two of {0, 3,
   * 10, 1} alike: 6 differences 3, 10, 1, 7, 2, 9, so 4/6 of a pair falls in 0-7 days and 2/6 in
   * 8-14. Expected: 0-100 m 4/6 and 2/6 (one pair), 100-200 m 8/6 and 4/6 (two pairs).
   */
  @Test
  void fourEventsCountedAndExpectedByHand() {
    List<Cell> cells =
        Knox.test(
            new double[] {0, 50, 0, 1000},
            new double[] {0, 0, 150, 1000},
            new int[] {0, 3, 10, 1},
            NEAR,
            9999,
            1L);
    assertThat(cells).hasSize(4);
    assertThat(cell(cells, 0, 0).observed()).isEqualTo(1);
    assertThat(cell(cells, 0, 1).observed()).isZero();
    assertThat(cell(cells, 1, 0).observed()).isEqualTo(1);
    assertThat(cell(cells, 1, 1).observed()).isEqualTo(1);
    assertThat(cell(cells, 0, 0).expected()).isCloseTo(4 / 6.0, within(0.03));
    assertThat(cell(cells, 0, 1).expected()).isCloseTo(2 / 6.0, within(0.03));
    assertThat(cell(cells, 1, 0).expected()).isCloseTo(8 / 6.0, within(0.03));
    assertThat(cell(cells, 1, 1).expected()).isCloseTo(4 / 6.0, within(0.03));
    // 0-100 m, 8-14 days: nothing observed, so every simulation has at least as many
    assertThat(cell(cells, 0, 1).p()).isEqualTo(1.0);
  }

  private static List<Cell> burglaries(int count, int repeats, long seed) {
    return burglaries(count, repeats, seed, 999);
  }

  private static List<Cell> burglaries(int count, int repeats, long seed, int simulations) {
    Random random = new Random(seed);
    double[] x = new double[count + repeats];
    double[] y = new double[count + repeats];
    int[] day = new int[count + repeats];
    for (int i = 0; i < count; i++) {
      x[i] = random.nextDouble() * 5000;
      y[i] = random.nextDouble() * 5000;
      day[i] = random.nextInt(365);
    }
    // Planted near repeats: a burglary within 80 m of an earlier one, 1 to 7 days after it.
    for (int r = 0; r < repeats; r++) {
      double angle = random.nextDouble() * 2 * Math.PI;
      double distance = random.nextDouble() * 80;
      x[count + r] = x[r] + distance * Math.cos(angle);
      y[count + r] = y[r] + distance * Math.sin(angle);
      day[count + r] = day[r] + 1 + random.nextInt(7);
    }
    return Knox.test(x, y, day, NEAR, simulations, 7L);
  }

  @Test
  void plantedNearRepeatsAreSignificantInTheCloseBandsOnly() {
    List<Cell> cells = burglaries(400, 150, 3L);
    Cell close = cell(cells, 0, 0);
    assertThat(close.knoxRatio()).isGreaterThan(3);
    assertThat(close.p()).isEqualTo(1 / 1000.0);
    assertThat(cell(cells, 1, 1).p()).isGreaterThan(0.05);
  }

  /**
   * Without near repeats the p-values are calibrated: over 50 independent worlds of uniform
   * burglaries, about 5% of the band cells come out significant at 5% (between 1% and 10%).
   */
  @Test
  void withoutNearRepeatsAboutFivePercentOfCellsAreSignificantAtFivePercent() {
    long significant = 0;
    long cells = 0;
    for (long seed = 100; seed < 150; seed++) {
      for (Cell cell : burglaries(550, 0, seed, 199)) {
        significant += cell.p() <= 0.05 ? 1 : 0;
        cells++;
      }
    }
    assertThat((double) significant / cells).isBetween(0.01, 0.10);
  }
}
