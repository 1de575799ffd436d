package org.bluelamp.security;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.bluelamp.gold.Disclosure;

/**
 * The privacy gate of a published table: reads its rows as an attacker would and says which
 * suppressed count follows from what the table shows.
 *
 * <p>Every value the table shows is a linear relation between counts of its cells: a count column
 * (the row's own period or another), a rounded mean over a run of periods, a rounded % change, a
 * total row over its part rows. A suppressed count is a variable of at least 1 (zero is always
 * shown); a count no row shows is taken as 0, as a reader who knows the table lists only what
 * happened would. For every suppressed count the smallest and largest values these relations allow
 * are found by linear programming (the audit step of cell suppression, Hundepool et al.,
 * Statistical Disclosure Control, 2012, section 4.3); the count is recoverable when fewer than
 * {@code threshold - 1} whole values remain, that is, when the reader learns more of it than that
 * it is suppressed. Sums over a hierarchy are totally unimodular, so their bounds are whole numbers
 * and the relaxation loses nothing there.
 */
public final class DisclosureAudit {
  private static final double EPS = 1e-6;
  private static final int NAMED_ATTACKS = 3;

  private DisclosureAudit() {}

  /** A series' count in one period. */
  private record Ref(String cell, LocalDate period) {}

  /** {@code low <= sum(terms) <= high}: what one value the table shows says of its counts. */
  private record Relation(Map<Ref, Double> terms, double low, double high, String attack) {}

  /**
   * The suppressed counts of {@code rows} (values as text, by column) a reader can narrow, each
   * named with the attacks that narrow it; empty when none.
   */
  public static List<String> audit(String table, Disclosure spec, List<Map<String, String>> rows) {
    try {
      return new Reader(table, spec).read(rows);
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      return List.of(
          table
              + " cannot be audited: a value its disclosure: block declares a count, mean, change"
              + " or period is neither that nor "
              + spec.marker()
              + " ("
              + e.getMessage()
              + "); check the block against the model's columns");
    }
  }

  private static final class Reader {
    private final String table;
    private final Disclosure spec;
    private final Map<Ref, Long> known = new HashMap<>();
    private final Map<Ref, String> shownAt = new HashMap<>();
    private final Map<Ref, String> suppressedAt = new LinkedHashMap<>();
    private final List<Relation> relations = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();

    Reader(String table, Disclosure spec) {
      this.table = table;
      this.spec = spec;
    }

    List<String> read(List<Map<String, String>> rows) {
      rows.forEach(this::counts);
      suppressedAt.forEach(
          (ref, where) -> {
            if (known.containsKey(ref)) {
              findings.add(
                  finding(where, "is shown as " + known.get(ref) + " in " + shownAt.get(ref)));
            }
          });
      for (Map<String, String> row : rows) {
        means(row);
        changes(row);
      }
      totals(rows);
      narrowings();
      return List.copyOf(findings);
    }

    private String finding(String where, String how) {
      return table + ": the suppressed " + where + " " + how;
    }

    private String cell(Map<String, String> row) {
      List<String> parts = new ArrayList<>();
      spec.cell().forEach(c -> parts.add(c + "=" + row.get(c)));
      return String.join(", ", parts);
    }

    private LocalDate period(Map<String, String> row) {
      String value = row.get(spec.period());
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    }

    private Ref ref(Map<String, String> row, int offset) {
      return new Ref(cell(row), period(row).plusDays((long) offset * spec.periodDays()));
    }

    private String name(Ref ref) {
      return "(" + ref.cell() + ", " + spec.period() + "=" + ref.period() + ")";
    }

    private boolean suppressed(String value) {
      return spec.marker().equals(value);
    }

    /** What the count columns show: each a count known, or suppressed. */
    private void counts(Map<String, String> row) {
      spec.counts()
          .forEach(
              (column, offset) -> {
                Ref ref = ref(row, offset);
                String value = row.get(column);
                String where = column + " of " + name(ref(row, 0));
                if (suppressed(value)) {
                  suppressedAt.putIfAbsent(ref, where);
                } else if (value != null && known.putIfAbsent(ref, Long.parseLong(value)) == null) {
                  shownAt.put(ref, where);
                }
              });
    }

    /** A column's value as a sum of counts: a count's own, or a mean's share of each. */
    private Map<Ref, Double> terms(Map<String, String> row, String column) {
      Map<Ref, Double> terms = new LinkedHashMap<>();
      Integer offset = spec.counts().get(column);
      if (offset != null) {
        terms.put(ref(row, offset), 1.0);
        return terms;
      }
      Disclosure.Mean mean = spec.means().get(column);
      for (int o = mean.from(); o <= mean.to(); o++) {
        terms.merge(ref(row, o), 1.0 / mean.periods(), Double::sum);
      }
      return terms;
    }

    private static double half(int decimals) {
      return 0.5 * Math.pow(10, -decimals);
    }

    /** A value the row shows, or null when it is empty or suppressed. */
    private Double shown(Map<String, String> row, String column) {
      String value = row.get(column);
      return value == null || suppressed(value) ? null : Double.valueOf(value);
    }

    private void means(Map<String, String> row) {
      spec.means()
          .forEach(
              (column, mean) -> {
                Double m = shown(row, column);
                if (m != null) {
                  double h = half(mean.decimals());
                  relations.add(
                      new Relation(
                          terms(row, column),
                          m - h,
                          m + h,
                          column + " of " + name(ref(row, 0)) + " (" + m + ")"));
                }
              });
    }

    /** of - against (1 + c / 100) is 0 for the change c shown, within its rounding. */
    private void changes(Map<String, String> row) {
      spec.changes()
          .forEach(
              (column, change) -> {
                Double c = shown(row, column);
                if (c == null) {
                  return;
                }
                double h = half(change.decimals());
                String attack = column + " of " + name(ref(row, 0)) + " (" + c + "%)";
                for (double bound : List.of(c - h, c + h)) {
                  Map<Ref, Double> terms = new LinkedHashMap<>(terms(row, change.of()));
                  double factor = 1 + bound / 100;
                  terms(row, change.against())
                      .forEach((r, w) -> terms.merge(r, -w * factor, Double::sum));
                  relations.add(
                      bound < c
                          ? new Relation(terms, 0, Double.POSITIVE_INFINITY, attack)
                          : new Relation(terms, Double.NEGATIVE_INFINITY, 0, attack));
                }
              });
    }

    /** Each total row is the sum of its part rows of the same period. */
    private void totals(List<Map<String, String>> rows) {
      for (Disclosure.Total total : spec.totals()) {
        Map<String, Ref> totals = new HashMap<>();
        Map<String, List<Ref>> parts = new HashMap<>();
        for (Map<String, String> row : rows) {
          List<String> key = new ArrayList<>();
          total.within().forEach(c -> key.add(c + "=" + row.get(c)));
          key.add(spec.period() + "=" + period(row));
          String group = String.join(", ", key);
          String role = row.get(total.column());
          if (total.total().equals(role)) {
            totals.put(group, ref(row, 0));
          } else if (total.parts().equals(role)) {
            parts.computeIfAbsent(group, g -> new ArrayList<>()).add(ref(row, 0));
          }
        }
        totals.forEach(
            (group, sum) -> {
              Map<Ref, Double> terms = new LinkedHashMap<>();
              terms.put(sum, 1.0);
              parts.getOrDefault(group, List.of()).forEach(p -> terms.merge(p, -1.0, Double::sum));
              relations.add(
                  new Relation(
                      terms,
                      0,
                      0,
                      "the "
                          + total.total()
                          + " row less its "
                          + total.parts()
                          + " rows ("
                          + group
                          + ")"));
            });
      }
    }

    /** The relations over suppressed counts, known counts moved to the bounds. */
    private List<Relation> unknowns() {
      List<Relation> open = new ArrayList<>();
      for (Relation relation : relations) {
        Map<Ref, Double> terms = new LinkedHashMap<>();
        double constant = 0;
        for (Map.Entry<Ref, Double> term : relation.terms().entrySet()) {
          Ref ref = term.getKey();
          if (known.containsKey(ref)) {
            constant += term.getValue() * known.get(ref);
          } else if (suppressedAt.containsKey(ref)) {
            terms.merge(ref, term.getValue(), Double::sum);
          }
        }
        terms.values().removeIf(w -> Math.abs(w) < EPS);
        if (!terms.isEmpty()) {
          open.add(
              new Relation(
                  terms, relation.low() - constant, relation.high() - constant, relation.attack()));
        }
      }
      return open;
    }

    /**
     * Each suppressed count's range given every relation it is linked to, by linear programming.
     */
    private void narrowings() {
      List<Relation> open = unknowns();
      List<Ref> variables = new ArrayList<>(suppressedAt.keySet());
      variables.removeIf(known::containsKey);
      Map<Ref, Integer> index = new HashMap<>();
      variables.forEach(v -> index.put(v, index.size()));
      int[] parent = new int[variables.size()];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = i;
      }
      for (Relation relation : open) {
        int first = -1;
        for (Ref ref : relation.terms().keySet()) {
          int i = root(parent, index.get(ref));
          if (first < 0) {
            first = i;
          } else {
            parent[i] = first;
          }
        }
      }
      Map<Integer, List<Relation>> byComponent = new HashMap<>();
      for (Relation relation : open) {
        int component = root(parent, index.get(relation.terms().keySet().iterator().next()));
        byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(relation);
      }
      Map<Integer, List<Ref>> members = new HashMap<>();
      variables.forEach(
          v -> members.computeIfAbsent(root(parent, index.get(v)), c -> new ArrayList<>()).add(v));
      byComponent.forEach((component, linked) -> component(members.get(component), linked));
    }

    private static int root(int[] parent, int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    private void component(List<Ref> variables, List<Relation> linked) {
      Map<Ref, Integer> index = new HashMap<>();
      variables.forEach(v -> index.put(v, index.size()));
      List<LinearConstraint> constraints = new ArrayList<>();
      for (Relation relation : linked) {
        double[] row = new double[variables.size()];
        relation.terms().forEach((ref, w) -> row[index.get(ref)] = w);
        if (relation.low() == relation.high()) {
          constraints.add(new LinearConstraint(row, Relationship.EQ, relation.low()));
          continue;
        }
        if (relation.low() != Double.NEGATIVE_INFINITY) {
          constraints.add(new LinearConstraint(row, Relationship.GEQ, relation.low()));
        }
        if (relation.high() != Double.POSITIVE_INFINITY) {
          constraints.add(new LinearConstraint(row, Relationship.LEQ, relation.high()));
        }
      }
      for (int i = 0; i < variables.size(); i++) {
        double[] row = new double[variables.size()];
        row[i] = 1;
        constraints.add(new LinearConstraint(row, Relationship.GEQ, 1));
      }
      for (Ref variable : variables) {
        double[] objective = new double[variables.size()];
        objective[index.get(variable)] = 1;
        double low;
        double high;
        try {
          low = Math.ceil(optimum(objective, constraints, GoalType.MINIMIZE) - EPS);
          high = Math.floor(optimum(objective, constraints, GoalType.MAXIMIZE) + EPS);
        } catch (NoFeasibleSolutionException e) {
          findings.add(
              finding(
                  suppressedAt.get(variable),
                  "cannot be audited: the table's own values contradict its declared relations ("
                      + attacks(variable, linked)
                      + "); check the disclosure: block against the model's SQL"));
          return;
        }
        if (high - low + 1 < spec.threshold() - 1) {
          findings.add(
              finding(
                  suppressedAt.get(variable),
                  (low == high
                          ? "is recovered exactly (" + (long) low + ")"
                          : "is narrowed to " + (long) low + " to " + (long) high)
                      + " from "
                      + attacks(variable, linked)));
        }
      }
    }

    private static double optimum(
        double[] objective, List<LinearConstraint> constraints, GoalType goal) {
      try {
        return new SimplexSolver()
            .optimize(
                new MaxIter(100_000),
                new LinearObjectiveFunction(objective, 0),
                new LinearConstraintSet(constraints),
                goal,
                new NonNegativeConstraint(true))
            .getValue();
      } catch (UnboundedSolutionException e) {
        return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      }
    }

    /** The values that name {@code variable} directly: the attacks on it. */
    private static String attacks(Ref variable, List<Relation> linked) {
      Set<String> attacks = new TreeSet<>();
      linked.stream()
          .filter(r -> r.terms().containsKey(variable))
          .forEach(r -> attacks.add(r.attack()));
      List<String> named = attacks.stream().limit(NAMED_ATTACKS).toList();
      String more =
          attacks.size() > NAMED_ATTACKS
              ? " and " + (attacks.size() - NAMED_ATTACKS) + " more values"
              : "";
      return String.join("; ", named) + more;
    }
  }
}
