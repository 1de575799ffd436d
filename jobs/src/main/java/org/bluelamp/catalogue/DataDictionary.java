package org.bluelamp.catalogue;

import java.util.Map;
import java.util.TreeMap;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pipelines;

/**
 * The silver data dictionary, generated from {@code pipelines/entities/}: every column of every
 * silver table with its type and meaning, the PII ones marked, and the sources feeding each table.
 * {@code bluelamp docs} writes it to {@code docs/data-dictionary.md}.
 */
public final class DataDictionary {
  private DataDictionary() {}

  /** The whole dictionary as Markdown. */
  public static String render(Pipelines pipelines) {
    StringBuilder md = new StringBuilder();
    md.append("# Silver data dictionary\n\n")
        .append("Generated from `pipelines/entities/` by `./bluelamp docs`; do not edit by hand.\n")
        .append("Every silver table holds all forces (`force_id`). Columns marked PII identify a\n")
        .append("person: only roles allowed to see PII read them (see docs/serving.md).\n");
    for (EntitySpec entity : new TreeMap<>(pipelines.entities()).values()) {
      md.append("\n## silver.").append(entity.name()).append("\n\n");
      md.append(entity.description().strip()).append("\n\n");
      md.append("Key: ").append(String.join(", ", entity.key()));
      entity.eventTime().ifPresent(t -> md.append(". Event time: ").append(t));
      md.append(". Fed by: ");
      md.append(
          String.join(
              ", ",
              pipelines.feeding(entity.name()).stream()
                  .map(s -> "`" + s.force() + "/" + s.system() + "`")
                  .toList()));
      if (!entity.tags().isEmpty()) {
        md.append(". Tags (who reads it, sql/access/roles.yml): ")
            .append(String.join(", ", entity.tags()));
      }
      md.append(".\n\n| column | type | description |\n|---|---|---|\n");
      for (Map.Entry<String, EntitySpec.SilverColumn> column : entity.silverColumns().entrySet()) {
        EntitySpec.SilverColumn e = column.getValue();
        md.append("| `")
            .append(column.getKey())
            .append("` | ")
            .append(e.type())
            .append(" | ")
            .append(e.pii() ? "**PII.** " : "")
            .append(e.description().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return md.toString();
  }
}
