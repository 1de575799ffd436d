package org.bluelamp.spatial;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * The Mann-Kendall trend test of a series (Mann 1945, Kendall 1975), as Esri's emerging hot-spot
 * analysis applies it to each cell's z-scores over time: {@code S = sum over i < j of sign(x_j -
 * x_i)}, its variance under no trend corrected for ties, {@code Var(S) = (n(n-1)(2n+5) - sum over
 * tie groups of t(t-1)(2t+5)) / 18}, the normal score with continuity correction {@code (S - 1) /
 * sqrt(Var)} for {@code S > 0}, {@code (S + 1) / sqrt(Var)} for {@code S < 0}, 0 otherwise, and its
 * two-sided p-value. O(n^2) in the series' length: a cell's series is weeks or months, not more.
 */
public final class MannKendall {
  /** The test's result: positive {@code z} an upward trend. */
  public record Result(long s, double variance, double z, double p) {}

  private MannKendall() {}

  public static Result test(double[] series) {
    int n = series.length;
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += (long) Math.signum(series[j] - series[i]);
      }
    }
    double[] sorted = series.clone();
    Arrays.sort(sorted);
    double ties = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end < n && sorted[end] == sorted[start]) {
        end++;
      }
      long t = end - start;
      ties += t * (t - 1) * (2 * t + 5);
      start = end;
    }
    double variance = ((double) n * (n - 1) * (2 * n + 5) - ties) / 18;
    double z = variance <= 0 || s == 0 ? 0 : (s > 0 ? s - 1 : s + 1) / Math.sqrt(variance);
    return new Result(s, variance, z, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
  }
}
