package org.bluelamp.resolve;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Fellegi-Sunter model of record linkage (Fellegi and Sunter 1969), its parameters estimated
 * without labels as Splink does: the {@code u} probabilities (a level among pairs that are not the
 * same person) from random pairs, then the {@code m} probabilities (a level among pairs that are)
 * and the share of matches {@code lambda} among the candidate pairs by expectation-maximisation
 * (Winkler 1988), fields conditionally independent given the match status. A missing field (level
 * {@link Comparison#MISSING}) counts neither way.
 *
 * <p>A pair's match weight is {@code log2(lambda / (1 - lambda)) + sum of log2(m / u)} over its
 * fields' levels; its match probability {@code 2^w / (1 + 2^w)}.
 *
 * @param lambda share of the candidate pairs that are matches
 * @param m per field, per level: P(level | match)
 * @param u per field, per level: P(level | non-match)
 * @param iterations EM iterations run
 */
public record FellegiSunter(double lambda, double[][] m, double[][] u, int iterations)
    implements Serializable {
  private static final double SMALLEST = 1e-6;

  /**
   * Pseudo-count added to every level before the matches' counts are normalised into m: a level no
   * match showed keeps a small probability (training sessions hold a few hundred pairs).
   */
  private static final double MATCH_PSEUDO_COUNT = 0.5;

  /**
   * The same for the non-matches (u), far smaller: they are counted over a million random pairs or
   * more, and a level almost no two different people share (the same phone number) must weigh what
   * the data says, not "seen half a time". With 0.5 a phone number agreeing weighed log2(m / (0.5 /
   * pairs with both phones)): +15.7 bits in a 4-day world, under the ~16 bits a link needs there,
   * so callers known only by their number were never linked.
   */
  private static final double NON_MATCH_PSEUDO_COUNT = 0.01;

  private static final double LOG2 = Math.log(2);

  /**
   * The model fitted to random pairs of profiles (as {@link Comparison#encode} codes, with their
   * counts): m, u and the share of matches all by EM, from u as the levels' shares and {@code m0}.
   * Its u and lambda are what the candidates' weights use: a random pair is two different people
   * almost always, but not always (random pairs of profiles are often two spellings of one
   * frequently recorded person), and EM keeps those out of u.
   */
  public static FellegiSunter fromRandomPairs(
      Map<Integer, Long> patterns, double[][] m0, boolean[] judgedWithout, int maxIterations) {
    double[][] counts = smoothing(m0, NON_MATCH_PSEUDO_COUNT);
    for (Map.Entry<Integer, Long> pattern : patterns.entrySet()) {
      int[] vector = Comparison.decode(pattern.getKey());
      for (int f = 0; f < m0.length; f++) {
        if (vector[f] != Comparison.MISSING) {
          counts[f][vector[f]] += pattern.getValue();
        }
      }
    }
    return fit(patterns, m0, normalised(counts), 1e-3, judgedWithout, true, maxIterations);
  }

  /**
   * EM over the candidate pairs' comparison vectors ({@code patterns}: code -> count), {@code u}
   * held fixed, from {@code m0} and {@code lambda0}, until no parameter moves by more than {@code
   * 1e-6} or after {@code maxIterations}. The {@code ignored} fields (those the pairs were blocked
   * on, which agree by construction) do not count towards a pair's match probability and their
   * {@code m} stays {@code m0}.
   */
  public static FellegiSunter estimate(
      Map<Integer, Long> patterns,
      double[][] u,
      double[][] m0,
      double lambda0,
      boolean[] ignored,
      int maxIterations) {
    return fit(patterns, m0, u, lambda0, ignored, false, maxIterations);
  }

  private static FellegiSunter fit(
      Map<Integer, Long> patterns,
      double[][] m0,
      double[][] u0,
      double lambda0,
      boolean[] ignored,
      boolean estimateU,
      int maxIterations) {
    int fields = u0.length;
    double[][] m = copy(m0);
    double[][] u = copy(u0);
    double lambda = lambda0;
    int[][] full = new int[patterns.size()][];
    int[][] vectors = new int[patterns.size()][];
    double[] counts = new double[patterns.size()];
    int i = 0;
    for (Map.Entry<Integer, Long> pattern : patterns.entrySet()) {
      full[i] = Comparison.decode(pattern.getKey());
      vectors[i] = full[i].clone();
      for (int f = 0; f < fields; f++) {
        if (ignored[f]) {
          vectors[i][f] = Comparison.MISSING;
        }
      }
      counts[i++] = pattern.getValue();
    }
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      double[][] matched = smoothing(u, MATCH_PSEUDO_COUNT);
      double[][] unmatched = smoothing(u, NON_MATCH_PSEUDO_COUNT);
      double matches = 0;
      double total = 0;
      for (int p = 0; p < vectors.length; p++) {
        double probability = probability(weight(vectors[p], lambda, m, u));
        double expected = counts[p] * probability;
        matches += expected;
        total += counts[p];
        for (int f = 0; f < fields; f++) {
          if (full[p][f] != Comparison.MISSING) {
            matched[f][full[p][f]] += expected;
            unmatched[f][full[p][f]] += counts[p] - expected;
          }
        }
      }
      double[][] nextM = normalised(matched);
      double[][] nextU = estimateU ? normalised(unmatched) : u;
      for (int f = 0; f < fields; f++) {
        if (ignored[f]) {
          nextM[f] = m[f].clone();
        }
      }
      double nextLambda = Math.min(1 - SMALLEST, Math.max(SMALLEST, matches / total));
      double moved = Math.abs(nextLambda - lambda) / lambda;
      for (int f = 0; f < fields; f++) {
        for (int l = 0; l < nextM[f].length; l++) {
          moved = Math.max(moved, Math.abs(nextM[f][l] - m[f][l]));
          moved = Math.max(moved, Math.abs(nextU[f][l] - u[f][l]) / u[f][l]);
        }
      }
      m = nextM;
      u = nextU;
      lambda = nextLambda;
      if (moved < 1e-6) {
        break;
      }
    }
    return new FellegiSunter(lambda, m, u, iteration);
  }

  private static double[][] smoothing(double[][] shape, double pseudoCount) {
    double[][] counts = new double[shape.length][];
    for (int f = 0; f < shape.length; f++) {
      counts[f] = new double[shape[f].length];
      Arrays.fill(counts[f], pseudoCount);
    }
    return counts;
  }

  /**
   * The m probabilities averaged over training sessions, per field over the sessions that estimated
   * it ({@code estimated[s][f]}); {@code fallback} where none did.
   */
  public static double[][] averageM(
      List<FellegiSunter> sessions, List<boolean[]> estimated, double[][] fallback) {
    double[][] sum = new double[fallback.length][];
    for (int f = 0; f < fallback.length; f++) {
      sum[f] = new double[fallback[f].length];
      int used = 0;
      for (int s = 0; s < sessions.size(); s++) {
        if (estimated.get(s)[f]) {
          used++;
          for (int l = 0; l < sum[f].length; l++) {
            sum[f][l] += sessions.get(s).m()[f][l];
          }
        }
      }
      for (int l = 0; l < sum[f].length; l++) {
        sum[f][l] = used == 0 ? fallback[f][l] : sum[f][l] / used;
      }
    }
    return sum;
  }

  /**
   * Starting {@code m} for EM: most matches agree exactly (0.85), the partial levels share 0.1 with
   * the closer one likelier, disagreement 0.05.
   */
  public static double[][] initialM(int[] levels) {
    double[][] m = new double[levels.length][];
    for (int f = 0; f < levels.length; f++) {
      int partial = levels[f] - 2;
      m[f] = new double[levels[f]];
      m[f][0] = 0.05;
      m[f][levels[f] - 1] = partial == 0 ? 0.95 : 0.85;
      double sum = partial * (partial + 1) / 2.0;
      for (int l = 1; l <= partial; l++) {
        m[f][l] = 0.1 * l / sum;
      }
    }
    return m;
  }

  /** The match weight of a comparison vector. */
  public double weight(int[] levels) {
    return weight(levels, lambda, m, u);
  }

  /** Bayes factor of one field's level, in bits: {@code log2(m / u)} (0 when missing). */
  public double fieldWeight(int field, int level) {
    return level == Comparison.MISSING ? 0 : log2(m[field][level] / u[field][level]);
  }

  /** The match probability of a match weight. */
  public static double probability(double weight) {
    return 1 / (1 + Math.pow(2, -weight));
  }

  /** The match weight of a match probability. */
  public static double weightOf(double probability) {
    return log2(probability / (1 - probability));
  }

  private static double weight(int[] levels, double lambda, double[][] m, double[][] u) {
    double weight = log2(lambda / (1 - lambda));
    for (int f = 0; f < levels.length; f++) {
      if (levels[f] != Comparison.MISSING) {
        weight += log2(m[f][levels[f]] / u[f][levels[f]]);
      }
    }
    return weight;
  }

  private static double[][] normalised(double[][] counts) {
    double[][] result = new double[counts.length][];
    for (int f = 0; f < counts.length; f++) {
      double sum = Arrays.stream(counts[f]).sum();
      result[f] = new double[counts[f].length];
      for (int l = 0; l < counts[f].length; l++) {
        double share = sum == 0 ? 1.0 / counts[f].length : counts[f][l] / sum;
        result[f][l] = Math.max(SMALLEST, share);
      }
    }
    return result;
  }

  private static double[][] copy(double[][] values) {
    double[][] result = new double[values.length][];
    for (int f = 0; f < values.length; f++) {
      result[f] = values[f].clone();
    }
    return result;
  }

  private static double log2(double value) {
    return Math.log(value) / LOG2;
  }
}
