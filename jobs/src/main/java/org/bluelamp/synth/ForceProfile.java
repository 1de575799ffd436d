package org.bluelamp.synth;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How one sample force differs from the others: volumes, response grades, names, area codes, labels
 * in its language, how its registrations look, and which of its systems carries which kind of
 * record ({@code systems}: contract system name -> record stream of {@link ForceWorld}).
 *
 * @param callsPerDay calls for service a day at scale 1
 * @param gradeWeights share of calls per grade, in the order of the force's call_grades list
 * @param dispatchMinutes per grade, the longest wait to dispatch (uniform); 0 = never dispatched
 * @param travelMinutes per grade, the longest travel to arrival (uniform)
 * @param rates other daily streams: records a day at scale 1
 * @param documents the identity document its people produce and the systems that record it
 * @param labels categorical values in the force's language, by name
 */
record ForceProfile(
    String force,
    int callsPerDay,
    double crimeShare,
    double[] gradeWeights,
    int[] dispatchMinutes,
    int[] travelMinutes,
    People.Names names,
    IdDocuments documents,
    Areas areas,
    List<String> streetNames,
    Function<SplittableRandom, String> registration,
    Map<String, Double> rates,
    Map<String, List<String>> labels,
    Map<String, String> systems) {

  /** Area grids (columns x rows), code patterns and names of the force's boundary layers. */
  record Areas(
      int wardColumns,
      int wardRows,
      String wardId,
      List<String> wardNames,
      int beatColumns,
      int beatRows,
      String beatId,
      int smallColumns,
      int smallRows,
      String smallId) {}

  List<String> label(String name) {
    List<String> values = labels.get(name);
    if (values == null) {
      throw new IllegalStateException("force " + force + " has no labels for " + name);
    }
    return values;
  }
}
