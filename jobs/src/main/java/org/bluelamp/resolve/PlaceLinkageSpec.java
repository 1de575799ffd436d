package org.bluelamp.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bluelamp.Errors;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.Pipelines;

/**
 * {@code pipelines/resolve/places.yaml}: where silver records an address or the point of an event
 * (the mentions), the abbreviations of street types, and how far a text may be from a gazetteer
 * address (edits) and a point from one (metres) to match it. Validated on load.
 */
public record PlaceLinkageSpec(
    Path file,
    List<Mention> mentions,
    Addresses addresses,
    int maxEdits,
    double nearestWithinMetres) {

  /**
   * The details a place mention maps: the address as written, and the point of the record ({@code
   * x: x_m, y: y_m}, the planar coordinates silver gives every located record).
   */
  public static final List<String> FIELDS = List.of("address", "x", "y");

  public static PlaceLinkageSpec load(Pipelines pipelines) {
    Path file = pipelines.root().resolve("resolve").resolve("places.yaml");
    if (!Files.isRegularFile(file)) {
      throw Errors.usage(
          "No place linkage declared: " + file + " is missing",
          "restore pipelines/resolve/places.yaml (see docs/entity-resolution.md)");
    }
    YamlNode root =
        YamlNode.read(file)
            .allowOnly(
                Set.of("description", "mentions", "street_types", "max_edits", "nearest_within_m"));
    Map<String, String> streetTypes = new LinkedHashMap<>();
    root.stringMap("street_types")
        .forEach(
            (abbreviation, word) ->
                streetTypes.put(
                    abbreviation.toUpperCase(Locale.ROOT), word.toUpperCase(Locale.ROOT)));
    int maxEdits = (int) root.number("max_edits");
    if (maxEdits < 0 || maxEdits > 3) {
      throw root.error(
          "max_edits",
          maxEdits + " is not 0 to 3: more edits match a house to its neighbour's street",
          "use 2 (a swapped pair of letters is two edits)");
    }
    double within = root.number("nearest_within_m");
    if (!(within > 0)) {
      throw root.error(
          "nearest_within_m", within + " is not a distance above 0", "use e.g. 25 (metres)");
    }
    return new PlaceLinkageSpec(
        file, Mention.list(root, pipelines, FIELDS), new Addresses(streetTypes), maxEdits, within);
  }
}
