package org.bluelamp.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Clusters the profiles of one connected component of links into entities without chaining: links
 * are taken strongest first (single linkage, as connected components would), but two clusters are
 * joined only if no pair across them weighs below the guard, i.e. none of the cross pairs is clear
 * evidence of two different people. Without the guard, {@code A ~ B ~ C} joins A and C even when
 * they were born in different years; with it, the weakest of those links is refused.
 *
 * <p>Every pair of the component is compared (its size is bounded by the variants of one person's
 * details, a few hundred profiles), the minimum weight across two clusters kept as they merge.
 */
public final class GuardedClustering {
  /**
   * Where a profile ended up: its cluster (the index of its smallest member), the member it is
   * linked to most strongly within the cluster (-1 if alone) and that link's weight and levels.
   */
  public record Assignment(int cluster, int partner, double weight, int[] levels) {}

  private GuardedClustering() {}

  /**
   * Clusters {@code profiles} (in a stable order: ties are broken by index), linking pairs whose
   * match weight is at least {@code linkWeight} and refusing a join across which any pair's match
   * weight is below {@code guardWeight}.
   */
  public static List<Assignment> cluster(
      List<Profile> profiles, FellegiSunter model, double linkWeight, double guardWeight) {
    int n = profiles.size();
    float[][] weight = new float[n][n];
    List<int[]> links = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        float w = (float) model.weight(Comparison.levels(profiles.get(i), profiles.get(j)));
        weight[i][j] = w;
        weight[j][i] = w;
        if (w >= linkWeight) {
          links.add(new int[] {i, j});
        }
      }
    }
    links.sort(
        Comparator.<int[]>comparingDouble(link -> -weight[link[0]][link[1]])
            .thenComparingInt(link -> link[0])
            .thenComparingInt(link -> link[1]));
    int[] parent = new int[n];
    Arrays.setAll(parent, i -> i);
    float[][] weakest = new float[n][];
    for (int i = 0; i < n; i++) {
      weakest[i] = weight[i].clone();
    }
    for (int[] link : links) {
      int a = root(parent, link[0]);
      int b = root(parent, link[1]);
      if (a == b || weakest[a][b] < guardWeight) {
        continue;
      }
      int keep = Math.min(a, b);
      int gone = Math.max(a, b);
      parent[gone] = keep;
      for (int k = 0; k < n; k++) {
        float lower = Math.min(weakest[keep][k], weakest[gone][k]);
        weakest[keep][k] = lower;
        weakest[k][keep] = lower;
      }
    }
    List<Assignment> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int cluster = root(parent, i);
      int partner = -1;
      for (int j = 0; j < n; j++) {
        if (j != i
            && root(parent, j) == cluster
            && (partner < 0 || weight[i][j] > weight[i][partner])) {
          partner = j;
        }
      }
      result.add(
          partner < 0
              ? new Assignment(cluster, -1, Double.NaN, null)
              : new Assignment(
                  cluster,
                  partner,
                  weight[i][partner],
                  Comparison.levels(profiles.get(i), profiles.get(partner))));
    }
    return result;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
