package org.bluelamp.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bluelamp.Errors;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.Pipelines;

/**
 * {@code pipelines/resolve/vehicles.yaml}: where silver records a vehicle's registration (the
 * mentions) and each force's country with the formats of its registrations. Validated on load.
 *
 * @param countries per force, the country whose registrations it records
 * @param formats per force, its country's registration formats
 */
public record VehicleLinkageSpec(
    Path file,
    List<Mention> mentions,
    Map<String, String> countries,
    Map<String, Registrations> formats) {

  /** The one detail a vehicle mention maps: the registration as written. */
  public static final List<String> FIELDS = List.of("vrm");

  public static VehicleLinkageSpec load(Pipelines pipelines) {
    Path file = pipelines.root().resolve("resolve").resolve("vehicles.yaml");
    if (!Files.isRegularFile(file)) {
      throw Errors.usage(
          "No vehicle linkage declared: " + file + " is missing",
          "restore pipelines/resolve/vehicles.yaml (see docs/entity-resolution.md)");
    }
    YamlNode root =
        YamlNode.read(file).allowOnly(Set.of("description", "mentions", "registrations"));
    Map<String, String> countries = new LinkedHashMap<>();
    Map<String, Registrations> formats = new LinkedHashMap<>();
    for (Country country : root.list("registrations", VehicleLinkageSpec::country)) {
      for (String force : country.forces()) {
        if (!pipelines.forces().containsKey(force)) {
          throw Errors.usage(
              file + ": '" + force + "' (country " + country.name() + ") is not a declared force",
              "use one of " + pipelines.forces().keySet() + " (pipelines/forces/)");
        }
        if (countries.put(force, country.name()) != null) {
          throw Errors.usage(
              file + ": force '" + force + "' is listed under two countries",
              "list it under one country");
        }
        formats.put(force, country.registrations());
      }
    }
    for (String force : pipelines.forces().keySet()) {
      if (!countries.containsKey(force)) {
        throw Errors.usage(
            file + ": force '" + force + "' has no registration formats",
            "add it to the forces of its country under registrations");
      }
    }
    return new VehicleLinkageSpec(
        file, Mention.list(root, pipelines, FIELDS), Map.copyOf(countries), Map.copyOf(formats));
  }

  /**
   * The search keys ({@code vrm_key}) a typed registration stands for: its plate under each
   * country's formats, read as the resolution reads a recorded one (misreads of the other class
   * corrected); one key when every country reads it alike.
   */
  public SortedSet<String> searchKeys(String typed) {
    SortedSet<String> keys = new TreeSet<>();
    formats.values().stream()
        .map(registrations -> registrations.read(typed))
        .filter(Objects::nonNull)
        .forEach(plate -> keys.add(plate.key()));
    return keys;
  }

  /**
   * A partly known registration ({@code ?} one character, {@code *} any run) as each country's
   * formats read it: what {@code gold.vehicle_search} is searched by.
   */
  public PlatePattern pattern(String typed) {
    return PlatePattern.of(typed, formats.values());
  }

  private record Country(String name, List<String> forces, Registrations registrations) {}

  private static Country country(YamlNode node) {
    node.allowOnly(Set.of("country", "forces", "formats"));
    try {
      return new Country(
          node.string("country"),
          node.strings("forces"),
          new Registrations(node.strings("formats")));
    } catch (IllegalArgumentException e) {
      throw node.error("formats", e.getMessage(), "write the format with L, D, spaces and hyphens");
    }
  }
}
