package org.bluelamp.gold;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bluelamp.config.YamlNode;

/**
 * How a published table protects its small counts, and every relation between its values a reader
 * could use to undo that: the {@code disclosure:} block of a gold model's YAML. The privacy gate
 * (security.DisclosureAudit) reads the table's rows through these relations as an attacker would.
 *
 * @param threshold counts from 1 to {@code threshold - 1} are suppressed (zero is published)
 * @param marker what a suppressed value reads as, the same for every suppressed cell
 * @param cell the columns naming a series (a cell is a series in one period)
 * @param period the column holding the period's first day
 * @param periodDays the length of a period in days
 * @param counts columns holding one cell's count, each with the period it is of (0 the row's own,
 *     -52 the period 52 before it)
 * @param means columns holding the mean of a series' counts over a run of periods, rounded
 * @param changes columns holding the % change of one count or mean column against another, rounded
 * @param totals rows that are the sum of other rows of the same period
 */
public record Disclosure(
    int threshold,
    String marker,
    List<String> cell,
    String period,
    int periodDays,
    Map<String, Integer> counts,
    Map<String, Mean> means,
    Map<String, Change> changes,
    List<Total> totals) {
  public Disclosure {
    requireNonNull(marker, "marker");
    cell = List.copyOf(cell);
    requireNonNull(period, "period");
    counts = Map.copyOf(counts);
    means = Map.copyOf(means);
    changes = Map.copyOf(changes);
    totals = List.copyOf(totals);
  }

  /**
   * The mean of periods {@code from} to {@code to} (relative to the row's), to {@code decimals}.
   */
  public record Mean(int from, int to, int decimals) {
    public int periods() {
      return to - from + 1;
    }
  }

  /** 100 (of - against) / against, to {@code decimals}. */
  public record Change(String of, String against, int decimals) {}

  /**
   * Within the rows sharing {@code within} and the period, the row whose {@code column} is {@code
   * total} counts what the rows whose {@code column} is {@code parts} count.
   */
  public record Total(String column, String total, String parts, List<String> within) {
    public Total {
      within = List.copyOf(within);
    }
  }

  /** The columns a reader sees values of: the cell, the period and every declared measure. */
  public List<String> columns() {
    List<String> columns = new java.util.ArrayList<>(cell);
    columns.add(period);
    totals.stream().map(Total::column).filter(c -> !columns.contains(c)).forEach(columns::add);
    totals.stream()
        .flatMap(t -> t.within().stream())
        .filter(c -> !columns.contains(c))
        .forEach(columns::add);
    columns.addAll(new java.util.TreeSet<>(counts.keySet()));
    columns.addAll(new java.util.TreeSet<>(means.keySet()));
    columns.addAll(new java.util.TreeSet<>(changes.keySet()));
    return List.copyOf(columns);
  }

  /** Reads the block, checking that every column it names is a documented column of the model. */
  static Disclosure read(YamlNode yaml, Set<String> documented) {
    yaml.allowOnly(
        Set.of(
            "threshold",
            "suppressed",
            "cell",
            "period",
            "period_days",
            "counts",
            "means",
            "changes",
            "totals"));
    int threshold = whole(yaml, "threshold", 2);
    Map<String, Integer> counts = new LinkedHashMap<>();
    yaml.stringMap("counts")
        .forEach(
            (column, offset) -> {
              try {
                counts.put(column, Integer.parseInt(offset));
              } catch (NumberFormatException e) {
                throw yaml.error(
                    "counts." + column,
                    "'" + offset + "' is not a whole number of periods",
                    "write 0 for the row's own period, -52 for the period 52 before it");
              }
            });
    if (!counts.containsValue(0)) {
      throw yaml.error(
          "counts", "no column holds the row's own count", "name it with offset 0, e.g. n: 0");
    }
    Map<String, Mean> means = new LinkedHashMap<>();
    if (yaml.has("means")) {
      YamlNode block = yaml.child("means");
      for (String column : block.keys()) {
        YamlNode mean = block.child(column).allowOnly(Set.of("from", "to", "decimals"));
        int from = (int) mean.number("from");
        int to = (int) mean.number("to");
        if (to < from) {
          throw mean.error("to", "the run of periods ends before it starts", "write from <= to");
        }
        means.put(column, new Mean(from, to, whole(mean, "decimals", 0)));
      }
    }
    Map<String, Change> changes = new LinkedHashMap<>();
    if (yaml.has("changes")) {
      YamlNode block = yaml.child("changes");
      for (String column : block.keys()) {
        YamlNode change = block.child(column).allowOnly(Set.of("of", "against", "decimals"));
        for (String operand : List.of("of", "against")) {
          String name = change.string(operand);
          if (!counts.containsKey(name) && !means.containsKey(name)) {
            throw change.error(
                operand,
                "'" + name + "' is not one of the counts or means",
                "name one of " + counts.keySet() + " or " + means.keySet());
          }
        }
        changes.put(
            column,
            new Change(
                change.string("of"), change.string("against"), whole(change, "decimals", 0)));
      }
    }
    List<Total> totals =
        yaml.list(
            "totals",
            t -> {
              t.allowOnly(Set.of("column", "total", "parts", "within"));
              return new Total(
                  t.string("column"), t.string("total"), t.string("parts"), t.strings("within"));
            });
    Disclosure disclosure =
        new Disclosure(
            threshold,
            yaml.string("suppressed"),
            yaml.strings("cell"),
            yaml.string("period"),
            whole(yaml, "period_days", 1),
            counts,
            means,
            changes,
            totals);
    for (String column : disclosure.columns()) {
      if (!documented.contains(column)) {
        throw yaml.error(
            "",
            "names the column '" + column + "', which the model does not document",
            "use one of " + documented);
      }
    }
    return disclosure;
  }

  private static int whole(YamlNode yaml, String key, int least) {
    double value = yaml.number(key);
    if (value != Math.rint(value) || value < least) {
      throw yaml.error(
          key, value + " is not a whole number of at least " + least, "write e.g. " + least);
    }
    return (int) value;
  }
}
