package org.bluelamp.spatial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Knox test of space-time interaction (Knox 1964), as the Near Repeat Calculator (Ratcliffe
 * 2009) runs it for burglary: every pair of events is counted in the space band and time band of
 * its distance and days apart; the same counts with the events' dates shuffled among them (Monte
 * Carlo, seeded) give the expected counts and one-sided p-values {@code (1 + simulations with at
 * least the observed count) / (1 + simulations)}. A Knox ratio (observed / expected) well above 1
 * in the close bands is a near-repeat pattern: after a burglary, nearby homes are at raised risk
 * for a while.
 *
 * <p>The pairs within the widest space band are found once through a grid of that band's size;
 * shuffling dates leaves every pair's distance as it is, so each simulation only recounts the
 * pairs' time bands: O(pairs) per simulation, all in memory (a force's burglaries, not all crime).
 */
public final class Knox {
  /**
   * Upper edges of the space bands in metres ({@code [0, m0]}, {@code (m0, m1]}, ...) and of the
   * time bands in days apart ({@code [0, d0]}, {@code (d0, d1]}, ...), both ascending.
   */
  public record Bands(double[] metres, int[] days) {
    public Bands {
      metres = metres.clone();
      days = days.clone();
      for (int i = 0; i < metres.length; i++) {
        if (!(metres[i] > (i == 0 ? 0 : metres[i - 1]))) {
          throw new IllegalArgumentException("space bands must ascend from above 0");
        }
      }
      for (int i = 0; i < days.length; i++) {
        if (days[i] < (i == 0 ? 0 : days[i - 1] + 1)) {
          throw new IllegalArgumentException("time bands must ascend from 0");
        }
      }
    }

    int space(double distance) {
      for (int i = 0; i < metres.length; i++) {
        if (distance <= metres[i]) {
          return i;
        }
      }
      return -1;
    }

    int time(int daysApart) {
      for (int i = 0; i < days.length; i++) {
        if (daysApart <= days[i]) {
          return i;
        }
      }
      return -1;
    }
  }

  /** One cell of the Knox table: space band, time band and what was found there. */
  public record Cell(
      int space, int time, long observed, double expected, double knoxRatio, double p) {}

  private Knox() {}

  /**
   * @param x easting of each event in metres
   * @param y northing
   * @param day its date as a day number
   */
  public static List<Cell> test(
      double[] x, double[] y, int[] day, Bands bands, int simulations, long seed) {
    int[][] pairs = pairs(x, y, bands);
    int spaces = bands.metres().length;
    int times = bands.days().length;
    long[][] observed = count(pairs, day, bands);
    long[][] atLeast = new long[spaces][times];
    double[][] total = new double[spaces][times];
    SplittableRandom random = new SplittableRandom(seed);
    int[] shuffled = day.clone();
    for (int s = 0; s < simulations; s++) {
      for (int i = shuffled.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = swap;
      }
      long[][] simulated = count(pairs, shuffled, bands);
      for (int a = 0; a < spaces; a++) {
        for (int b = 0; b < times; b++) {
          total[a][b] += simulated[a][b];
          atLeast[a][b] += simulated[a][b] >= observed[a][b] ? 1 : 0;
        }
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (int a = 0; a < spaces; a++) {
      for (int b = 0; b < times; b++) {
        double expected = total[a][b] / simulations;
        cells.add(
            new Cell(
                a,
                b,
                observed[a][b],
                expected,
                expected == 0 ? Double.NaN : observed[a][b] / expected,
                (1.0 + atLeast[a][b]) / (1.0 + simulations)));
      }
    }
    return cells;
  }

  /** Each pair within the widest space band: its two events and its space band. */
  static int[][] pairs(double[] x, double[] y, Bands bands) {
    double reach = bands.metres()[bands.metres().length - 1];
    Map<Long, List<Integer>> grid = new HashMap<>();
    for (int i = 0; i < x.length; i++) {
      grid.computeIfAbsent(key(cell(x[i], reach), cell(y[i], reach)), k -> new ArrayList<>())
          .add(i);
    }
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      long cx = cell(x[i], reach);
      long cy = cell(y[i], reach);
      for (long dx = -1; dx <= 1; dx++) {
        for (long dy = -1; dy <= 1; dy++) {
          for (int j : grid.getOrDefault(key(cx + dx, cy + dy), List.of())) {
            if (j > i) {
              int band = bands.space(Math.hypot(x[i] - x[j], y[i] - y[j]));
              if (band >= 0) {
                pairs.add(new int[] {i, j, band});
              }
            }
          }
        }
      }
    }
    return pairs.toArray(int[][]::new);
  }

  private static long[][] count(int[][] pairs, int[] day, Bands bands) {
    long[][] counts = new long[bands.metres().length][bands.days().length];
    for (int[] pair : pairs) {
      int time = bands.time(Math.abs(day[pair[0]] - day[pair[1]]));
      if (time >= 0) {
        counts[pair[2]][time]++;
      }
    }
    return counts;
  }

  private static long cell(double metres, double size) {
    return (long) Math.floor(metres / size);
  }

  private static long key(long cx, long cy) {
    return cx * 4_000_000_007L + cy;
  }
}
