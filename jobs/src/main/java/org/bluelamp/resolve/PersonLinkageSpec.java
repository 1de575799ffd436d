package org.bluelamp.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bluelamp.Errors;
import org.bluelamp.config.YamlNode;
import org.bluelamp.contract.Pipelines;

/**
 * {@code pipelines/resolve/persons.yaml}: where silver records a person (the mentions) and the
 * settings of the linkage. Validated on load against the declared entities.
 */
public record PersonLinkageSpec(
    Path file,
    List<Mention> mentions,
    List<List<String>> blocking,
    List<List<String>> training,
    int maxBlock,
    int randomPairs,
    double matchProbability,
    double guardBits) {

  /** The detail columns a mention may map, as named in the mention table. */
  public static final List<String> FIELDS =
      List.of("forename", "surname", "name_ar", "dob", "address", "phone", "document", "vehicle");

  /** The profile columns a blocking rule may name. */
  public static final Set<String> BLOCKING_COLUMNS =
      Set.of(
          "forename",
          "forename_formal",
          "forename_code",
          "surname",
          "surname_code",
          "surname_skeleton",
          "skeleton",
          "arabic",
          "arabic_skeleton",
          "dob",
          "birth_year",
          "address",
          "phone",
          "document",
          Linkage.DOCUMENT_DELETION,
          "vehicle");

  /** The compared fields a blocking rule's columns agree on by construction. */
  public static boolean[] fieldsOf(List<String> rule) {
    boolean[] fields = new boolean[Comparison.Field.values().length];
    for (String column : rule) {
      if (column.startsWith("forename") || column.equals("skeleton")) {
        fields[Comparison.Field.FORENAME.ordinal()] = true;
      }
      if (column.startsWith("surname") || column.equals("skeleton")) {
        fields[Comparison.Field.SURNAME.ordinal()] = true;
      }
      if (column.startsWith("arabic")) {
        fields[Comparison.Field.NAME_AR.ordinal()] = true;
      }
      if (column.equals("dob") || column.equals("birth_year")) {
        fields[Comparison.Field.DOB.ordinal()] = true;
      }
      if (column.equals("address")) {
        fields[Comparison.Field.ADDRESS.ordinal()] = true;
      }
      if (column.equals("phone")) {
        fields[Comparison.Field.PHONE.ordinal()] = true;
      }
      if (column.startsWith("document")) {
        fields[Comparison.Field.DOCUMENT.ordinal()] = true;
      }
      if (column.equals("vehicle")) {
        fields[Comparison.Field.VEHICLE.ordinal()] = true;
      }
    }
    return fields;
  }

  public static PersonLinkageSpec load(Pipelines pipelines) {
    Path file = pipelines.root().resolve("resolve").resolve("persons.yaml");
    if (!Files.isRegularFile(file)) {
      throw Errors.usage(
          "No person linkage declared: " + file + " is missing",
          "restore pipelines/resolve/persons.yaml (see docs/entity-resolution.md)");
    }
    YamlNode root = YamlNode.read(file).allowOnly(Set.of("description", "mentions", "linkage"));
    List<Mention> mentions = Mention.list(root, pipelines, FIELDS);
    YamlNode linkage =
        root.child("linkage")
            .allowOnly(
                Set.of(
                    "blocking",
                    "training",
                    "max_block",
                    "random_pairs",
                    "match_probability",
                    "guard_bits"));
    return new PersonLinkageSpec(
        file,
        mentions,
        rules(linkage, "blocking"),
        rules(linkage, "training"),
        (int) linkage.number("max_block"),
        (int) linkage.number("random_pairs"),
        probability(linkage, "match_probability"),
        guardBits(linkage));
  }

  private static List<List<String>> rules(YamlNode linkage, String key) {
    List<List<String>> rules = new ArrayList<>();
    for (List<String> rule : linkage.stringLists(key)) {
      for (String column : rule) {
        if (!BLOCKING_COLUMNS.contains(column)) {
          throw linkage.error(
              key,
              "'" + column + "' is not a profile column",
              "use columns of " + BLOCKING_COLUMNS);
        }
      }
      rules.add(List.copyOf(rule));
    }
    if (rules.isEmpty()) {
      throw linkage.error(
          key, "no rule: every pair of profiles would be compared", "list rules such as [dob]");
    }
    return List.copyOf(rules);
  }

  private static double guardBits(YamlNode linkage) {
    double bits = linkage.number("guard_bits");
    if (!(bits < 0)) {
      throw linkage.error(
          "guard_bits",
          bits + " is not below 0: the guard needs evidence against a match",
          "use e.g. -10 (the fields say about 1000:1 that two records are two people)");
    }
    return bits;
  }

  private static double probability(YamlNode node, String key) {
    double value = node.number(key);
    if (!(value > 0 && value < 1)) {
      throw node.error(
          key, value + " is not a probability strictly between 0 and 1", "use e.g. 0.99");
    }
    return value;
  }
}
