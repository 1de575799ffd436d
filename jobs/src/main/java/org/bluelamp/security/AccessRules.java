package org.bluelamp.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bluelamp.Errors;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.EntitySpec;
import org.bluelamp.contract.Pii;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import org.bluelamp.trino.AuthFiles;
import org.bluelamp.trino.TrinoServer;

/**
 * Trino's file-based access rules for the served tables, generated from the {@link AccessPolicy}:
 * per role, each table its grants name, with a row filter for its scope (forces, wards, clearance,
 * read from {@code ops.user_scope}) and masks on the PII columns a role may not see. A table that
 * cannot be scoped (no {@code force_id} for a force-scoped role) is not granted, and says why.
 */
public final class AccessRules {
  /** The table mapping users to role, forces, wards and clearance that the filters read. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SCOPE =
      " FROM "
          + TrinoServer.CATALOG
          + "."
          + Tables.USER_SCOPE
          + " s WHERE s.user_name = current_user";

  private AccessRules() {}

  /**
   * What is known of a table: its tags and PII columns, whether those are known in full, the tables
   * its model declares it reads, and what each column derives from ({@code schema.table.column}, or
   * {@code ?} for what the plan could not trace). A gold table's PII and lineage follow from what
   * it reads ({@code ops.column_lineage}, written when it is built); until its lineage is read,
   * only what its model declares is known.
   */
  public record Declared(
      List<String> tags,
      Set<String> pii,
      boolean traced,
      Set<String> reads,
      Map<String, Set<String>> lineage) {
    public Declared {
      tags = List.copyOf(tags);
      pii = Set.copyOf(pii);
      reads = Set.copyOf(reads);
      lineage = Map.copyOf(lineage);
    }

    public Declared(List<String> tags, Set<String> pii) {
      this(tags, pii, true, Set.of(), Map.of());
    }

    static final Declared NONE = new Declared(List.of(), Set.of());

    /** A gold model's declarations before its build recorded its lineage. */
    public static Declared untraced(List<String> tags, Set<String> pii, Set<String> reads) {
      return new Declared(tags, pii, false, reads, Map.of());
    }

    /** With the PII columns and the column lineage its build recorded. */
    public Declared traced(Set<String> derivedPii, Map<String, Set<String>> recorded) {
      Set<String> all = new TreeSet<>(pii);
      all.addAll(derivedPii);
      return new Declared(tags, all, true, reads, recorded);
    }

    /**
     * The tables (among {@code graded}) whose values this table carries: those its columns derive
     * from, and, for what its plan could not trace, every table its model reads.
     */
    Set<String> carries(Set<String> graded) {
      Set<String> from = new TreeSet<>();
      lineage
          .values()
          .forEach(
              sources ->
                  sources.forEach(
                      s -> {
                        if (s.equals(Tables.UNTRACED)) {
                          from.addAll(reads);
                        } else {
                          from.add(Tables.tableOf(s));
                        }
                      }));
      from.retainAll(graded);
      return from;
    }
  }

  /**
   * The tags that promise a table's numbers protect their small counts: serve's privacy gate
   * ({@link DisclosureAudit}) audits every table carrying one before a role reading it for that tag
   * is granted it.
   */
  public static final Set<String> DISCLOSURE_TAGS = Set.of("anonymised", "published");

  /**
   * A served table as Trino sees it: its columns (name to Trino type) and declarations, and what
   * the privacy gate found recoverable in it (empty when it passed, or carries no disclosure tag).
   */
  public record ServedTable(
      TableName name, Map<String, String> columns, Declared declared, List<String> disclosure) {
    public ServedTable {
      requireNonNull(name, "name");
      columns = Map.copyOf(columns);
      requireNonNull(declared, "declared");
      disclosure = List.copyOf(disclosure);
    }

    public ServedTable(TableName name, Map<String, String> columns, Declared declared) {
      this(name, columns, declared, List.of());
    }

    /** Whether it promises protected counts (a disclosure tag). */
    public boolean disclosed() {
      return declared.tags().stream().anyMatch(DISCLOSURE_TAGS::contains);
    }
  }

  /** The generated rules, and the tables a role's grants named but that could not be granted. */
  public record Rules(String json, Map<String, List<TableName>> granted, List<String> skipped) {}

  /**
   * Tags and PII of every table the repository declares: silver entities, gold models, bronze
   * sources (PII only) and the policy's own list; each tag must be one the policy declares.
   */
  public static Map<TableName, Declared> declarations(
      AccessPolicy policy, Pipelines pipelines, List<GoldModel> models) {
    Map<TableName, Declared> declared = new HashMap<>();
    for (EntitySpec entity : pipelines.entities().values()) {
      policy.requireKnownTags(entity.file().toString(), entity.tags());
      declared.put(
          TableName.silver(entity.name()),
          new Declared(entity.tags(), Set.copyOf(entity.piiColumns())));
    }
    declared.put(Tables.DQ_ISSUE, new Declared(List.of(), Set.of(Tables.DQ_PII_VALUE)));
    for (SourceContract source : pipelines.sources()) {
      declared.put(
          TableName.bronze(source.id()), new Declared(List.of(), Set.copyOf(source.pii())));
    }
    for (GoldModel model : models) {
      policy.requireKnownTags(model.file().toString(), model.tags());
      Set<String> pii = new LinkedHashSet<>();
      model.columns().stream().filter(GoldModel.Column::pii).forEach(c -> pii.add(c.name()));
      declared.put(
          TableName.gold(model.name()), Declared.untraced(model.tags(), pii, model.reads()));
    }
    policy
        .tableTags()
        .forEach((table, tags) -> declared.put(TableName.of(table), new Declared(tags, Set.of())));
    return declared;
  }

  /** The rules for {@code tables}. */
  public static Rules generate(AccessPolicy policy, List<ServedTable> tables) {
    ObjectNode root = AuthFiles.serviceOnlyRules();
    String roles = String.join("|", policy.roles().keySet());
    ((ArrayNode) root.get("catalogs"))
        .addObject()
        .put("group", roles)
        .put("catalog", TrinoServer.CATALOG + "|system")
        .put("allow", "read-only");
    ((ArrayNode) root.get("schemas"))
        .addObject()
        .put("group", roles)
        .put("schema", ".*")
        .put("owner", false);
    ArrayNode rules = (ArrayNode) root.get("tables");
    Map<String, List<TableName>> granted = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    Map<String, Set<String>> graded = graded(tables);
    for (AccessPolicy.Role role : policy.roles().values()) {
      List<TableName> names = granted.computeIfAbsent(role.name(), r -> new ArrayList<>());
      for (ServedTable table : tables) {
        if (!role.reads(table.name().schema(), Set.copyOf(table.declared().tags()))) {
          continue;
        }
        try {
          rules.add(rule(policy, role, table, graded));
          names.add(table.name());
        } catch (IllegalStateException e) {
          skipped.add(role.name() + " / " + table.name() + ": " + e.getMessage());
        }
      }
    }
    ObjectNode metadata = rules.addObject().put("group", roles).put("catalog", "system");
    metadata.put("schema", "jdbc|metadata").putArray("privileges").add("SELECT");
    queryRules(policy, (ArrayNode) root.get("queries"));
    return new Rules(json(root), granted, skipped);
  }

  /**
   * Who sees and kills which queries (Trino's REST API and web UI list them with their SQL text): a
   * role with {@code queries: all} every query, everyone else only their own (which Trino always
   * allows); everyone may run queries.
   */
  private static void queryRules(AccessPolicy policy, ArrayNode queries) {
    String all =
        String.join(
            "|",
            policy.roles().values().stream()
                .filter(AccessPolicy.Role::seesAllQueries)
                .map(AccessPolicy.Role::name)
                .toList());
    if (!all.isEmpty()) {
      queries
          .addObject()
          .put("group", all)
          .putArray("allow")
          .add("execute")
          .add("view")
          .add("kill");
    }
    queries.addObject().putArray("allow").add("execute");
  }

  private static String json(ObjectNode root) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Errors.io("write Trino's access rules", e);
    }
  }

  private static ObjectNode rule(
      AccessPolicy policy,
      AccessPolicy.Role role,
      ServedTable table,
      Map<String, Set<String>> graded) {
    ObjectNode rule =
        JSON.createObjectNode()
            .put("group", role.name())
            .put("catalog", TrinoServer.CATALOG)
            .put("schema", table.name().schema())
            .put("table", table.name().table());
    rule.putArray("privileges").add("SELECT");
    if (!table.disclosure().isEmpty() && readsForDisclosureTag(role, table)) {
      throw new IllegalStateException(
          "the privacy gate found "
              + table.disclosure().size()
              + " suppressed count(s) recoverable, e.g. "
              + table.disclosure().get(0)
              + "; protect them in the model (docs/serving.md, Disclosure control)");
    }
    List<String> filters = new ArrayList<>();
    if (role.scope() == AccessPolicy.Scope.FORCE) {
      require(table, "force_id", "it cannot be scoped to the user's forces");
      filters.add("force_id IN (SELECT s.force_id" + SCOPE + ")");
    }
    if (table.declared().tags().stream().anyMatch(role.areaTags()::contains)) {
      require(table, "ward_id", "it cannot be scoped to the user's wards");
      filters.add(
          "(ward_id IN (SELECT s.ward_id"
              + SCOPE
              + ") OR NOT EXISTS (SELECT 1"
              + SCOPE
              + " AND s.ward_id IS NOT NULL))");
    }
    if (!role.clearanceChecked() && table.columns().containsKey(Clearance.UNTIL)) {
      // A tiered table: the tier of all records.
      filters.add(Clearance.UNTIL + " IS NULL");
    }
    if (role.clearanceChecked()) {
      requireClearanceCarried(table, graded);
      if (table.columns().containsKey(Clearance.COLUMN)) {
        String clearance = "(SELECT max(s.clearance)" + SCOPE + ")";
        filters.add(Clearance.COLUMN + " <= " + clearance);
        if (table.columns().containsKey(Clearance.UNTIL)) {
          // A tiered table: the one tier of each row built for the user's clearance.
          filters.add(
              "(" + Clearance.UNTIL + " IS NULL OR " + Clearance.UNTIL + " > " + clearance + ")");
        }
      }
    }
    if (!filters.isEmpty()) {
      rule.put("filter", String.join(" AND ", filters));
      rule.putObject("filter_environment").put("user", TrinoServer.SERVICE_USER);
    }
    if (!role.piiVisible()) {
      if (!table.declared().traced()) {
        throw new IllegalStateException(
            "its column lineage is not in "
                + Tables.COLUMN_LINEAGE
                + ", so its PII cannot be derived; rebuild it (./bluelamp run --layer gold)");
      }
      ArrayNode columns = rule.putArray("columns");
      for (String column : new TreeSet<>(table.declared().pii())) {
        // Fail closed: a PII column Trino does not list (renamed, or spelt otherwise) would be
        // served unmasked under its other name, so the table is not granted to this role.
        require(table, column, "the declared PII column cannot be masked");
        columns.addObject().put("name", column).put("mask", mask(policy, table, column));
      }
    }
    return rule;
  }

  /** Whether {@code role} reads {@code table} only because it carries a disclosure tag. */
  private static boolean readsForDisclosureTag(AccessPolicy.Role role, ServedTable table) {
    Set<String> others = new TreeSet<>(table.declared().tags());
    others.removeAll(DISCLOSURE_TAGS);
    return !role.reads(table.name().schema(), others);
  }

  private static String mask(AccessPolicy policy, ServedTable table, String column) {
    String type = table.columns().get(column);
    String family = type.replaceFirst("[( ].*$", "");
    String template = policy.masks().getOrDefault(family, policy.masks().get("default"));
    if (template == null) {
      throw Errors.usage(
          "PII column "
              + table.name()
              + "."
              + column
              + " is of type "
              + type
              + ", for which "
              + policy.file()
              + " has no mask",
          "add masks: " + family + ": <SQL expression over {column}>");
    }
    if (template.contains("{pseudonym}")) {
      // The pseudonym the jobs stored beside the column: without it there is nothing to show.
      require(
          table, Pii.pseudonym(column), "the PII column " + column + " cannot be pseudonymised");
    }
    return template
        .replace("{pseudonym}", "\"" + Pii.pseudonym(column) + "\"")
        .replace("{column}", "\"" + column + "\"")
        .replace("{type}", type);
  }

  /**
   * The graded tables (those with {@link Clearance#COLUMN}), each with the tables its clearance
   * column derives from as its recorded lineage says (none for a silver entity: its own).
   */
  private static Map<String, Set<String>> graded(List<ServedTable> tables) {
    Map<String, Set<String>> graded = new TreeMap<>();
    for (ServedTable table : tables) {
      if (table.columns().containsKey(Clearance.COLUMN)) {
        Set<String> from = new TreeSet<>();
        table.declared().lineage().getOrDefault(Clearance.COLUMN, Set.of()).stream()
            .filter(s -> s.endsWith("." + Clearance.COLUMN))
            .forEach(s -> from.add(Tables.tableOf(s)));
        graded.put(table.name().toString(), from);
      }
    }
    return graded;
  }

  /**
   * Refuses a table whose values derive from graded rows when its own clearance column does not
   * derive from theirs, directly or through a table whose clearance does: rows above a user's
   * clearance would show through it.
   */
  private static void requireClearanceCarried(ServedTable table, Map<String, Set<String>> graded) {
    Set<String> from = new TreeSet<>(table.declared().carries(graded.keySet()));
    from.remove(table.name().toString());
    if (from.isEmpty()) {
      return;
    }
    Set<String> carried = new TreeSet<>();
    Deque<String> next = new ArrayDeque<>(graded.getOrDefault(table.name().toString(), Set.of()));
    while (!next.isEmpty()) {
      String source = next.pop();
      if (carried.add(source)) {
        next.addAll(graded.getOrDefault(source, Set.of()));
      }
    }
    from.removeAll(carried);
    if (!from.isEmpty()) {
      throw new IllegalStateException(
          "its values derive from "
              + String.join(", ", from)
              + ", whose rows need a clearance, but its "
              + Clearance.COLUMN
              + " column does not derive from theirs, so rows above a user's clearance would show;"
              + " carry max("
              + Clearance.COLUMN
              + ") of the rows each row derives from (docs/serving.md)");
    }
  }

  private static void require(ServedTable table, String column, String consequence) {
    if (!table.columns().containsKey(column)) {
      throw new IllegalStateException("no " + column + " column, so " + consequence);
    }
  }
}
