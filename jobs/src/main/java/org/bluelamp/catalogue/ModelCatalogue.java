package org.bluelamp.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bluelamp.contract.Pii;
import org.bluelamp.gold.GoldModel;

/**
 * The gold model catalogue, generated from {@code sql/gold/}: every model with its description,
 * owner, grain, the tables it reads, its columns and the tests it must pass. {@code bluelamp docs}
 * writes it to {@code docs/gold-models.md}.
 */
public final class ModelCatalogue {
  private ModelCatalogue() {}

  /** The catalogue as Markdown, models in name order. */
  public static String render(List<GoldModel> models) {
    StringBuilder md = new StringBuilder();
    md.append("# Gold model catalogue\n\n")
        .append(
            "Generated from `sql/gold/` by `./bluelamp docs`; do not edit by hand. Each model\n")
        .append("is `sql/gold/<domain>/<model>.sql` with its `<model>.yml` (or a `<model>.yml`\n")
        .append("naming the Java builder of a table that needs an algorithm), built as\n")
        .append(
            "`gold.<domain>_<model>` by `./bluelamp run --layer gold` (one: `--model <name>`),\n")
        .append("which runs its unit tests first and its table tests after every build.\n\n")
        .append("| model | owner | grain |\n|---|---|---|\n");
    List<GoldModel> sorted =
        models.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    for (GoldModel model : sorted) {
      md.append("| [gold.")
          .append(model.name())
          .append("](#gold")
          .append(model.name())
          .append(") | ")
          .append(model.owner())
          .append(" | ")
          .append(String.join(", ", model.grain()))
          .append(" |\n");
    }
    for (GoldModel model : sorted) {
      md.append("\n## gold.").append(model.name()).append("\n\n");
      md.append(model.description().strip()).append("\n\n");
      md.append("- Owner: ").append(model.owner()).append('\n');
      if (!model.tags().isEmpty()) {
        md.append("- Tags (who reads it, sql/access/roles.yml): ")
            .append(String.join(", ", model.tags()))
            .append('\n');
      }
      md.append(
              model.isBuilt()
                  ? "- Built by the Java builder `" + model.builder() + "`: `"
                  : "- SQL: `")
          .append("sql/gold/")
          .append(model.file().getParent().getFileName())
          .append('/')
          .append(model.file().getFileName())
          .append("`\n");
      md.append("- Reads: ")
          .append(
              String.join(
                  ", ", new TreeSet<>(model.reads()).stream().map(t -> "`" + t + "`").toList()))
          .append('\n');
      if (model.rowGroupKb() > 0) {
        md.append("- Parquet row groups of about ")
            .append(model.rowGroupKb())
            .append(" KiB (a lookup table: file statistics skip the rest)\n");
      }
      md.append("- Grain (tested unique): ")
          .append(String.join(", ", model.grain()))
          .append("\n\n");
      md.append("| column | description | tests |\n|---|---|---|\n");
      for (GoldModel.Column column : model.columns()) {
        List<String> tests = new ArrayList<>();
        if (column.notNull()) {
          tests.add("not null");
        }
        if (!column.acceptedValues().isEmpty()) {
          tests.add("one of " + String.join(", ", column.acceptedValues()));
        }
        md.append("| `")
            .append(column.name())
            .append("` | ")
            .append(
                column.pii()
                    ? "**PII**: roles without PII read `"
                        + Pii.pseudonym(column.name())
                        + "` (text) or the year (a date). "
                    : "")
            .append(column.description().replace("|", "\\|"))
            .append(" | ")
            .append(String.join("; ", tests))
            .append(" |\n");
      }
      if (!model.tests().isEmpty() || !model.unitTests().isEmpty()) {
        md.append('\n');
      }
      model.tests().forEach(t -> md.append("- Reconciliation: ").append(t.name()).append('\n'));
      model.unitTests().forEach(t -> md.append("- Unit test: ").append(t.name()).append('\n'));
    }
    return md.toString();
  }
}
