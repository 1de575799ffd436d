package org.bluelamp.gold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.WindowSpecDefinition;
import org.apache.spark.sql.catalyst.expressions.aggregate.Count;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationDef;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.lake.Tables;
import scala.collection.JavaConverters;

/**
 * Which input columns each output column of a built table derives from, read from Spark's analyzed
 * plan: a column read from a lake table derives from that column; an expression (projection,
 * aggregate, window, generator) from every column it references; a union's column from the same
 * column of each branch; a count, or a window's partition and order, carries no value of the
 * columns it reads. Whatever the plan does not say (rows a builder collected and made again, typed
 * operations) derives from {@link Tables#UNTRACED}, and so does any column of such a node. Columns
 * only filtered or joined on do not flow into values and are not counted: a table's PII is in the
 * values it carries.
 */
final class ColumnLineage {
  private final Function<String, String> tableAt;
  private final Map<ExprId, Set<String>> sources = new HashMap<>();
  private final Map<Object, List<Attribute>> ctes = new HashMap<>();

  private ColumnLineage(Function<String, String> tableAt) {
    this.tableAt = tableAt;
  }

  /**
   * Output column to its sources ({@code schema.table.column}, or {@link Tables#UNTRACED}); {@code
   * tableAt} names the lake table at a location (null for none).
   */
  static Map<String, Set<String>> of(Dataset<Row> built, Function<String, String> tableAt) {
    ColumnLineage lineage = new ColumnLineage(tableAt);
    LogicalPlan plan = built.queryExecution().analyzed();
    lineage.visit(plan);
    Map<String, Set<String>> columns = new LinkedHashMap<>();
    for (Attribute attribute : list(plan.output())) {
      columns.put(attribute.name(), new TreeSet<>(lineage.sources(attribute)));
    }
    return columns;
  }

  /** {@code ops.column_lineage}: what each column of each gold table derives from, and its PII. */
  static final StructType SCHEMA =
      new StructType()
          .add("table_name", DataTypes.StringType, false)
          .add("column_name", DataTypes.StringType, false)
          .add("sources", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("pii", DataTypes.BooleanType, false);

  /**
   * Replaces {@code table}'s rows of {@code ops.column_lineage}: each column's sources and whether
   * it is PII; each stored pseudonym (pseudonym to clear column) derives from no value a reader
   * could recover and is not PII.
   */
  static void record(
      Lake lake,
      TableName table,
      Map<String, Set<String>> lineage,
      Set<String> pii,
      Map<String, String> pseudonyms) {
    List<Row> rows = new ArrayList<>();
    lineage.forEach(
        (column, sources) ->
            rows.add(
                RowFactory.create(
                    table.toString(),
                    column,
                    JavaConverters.asScalaBuffer(new ArrayList<>(sources)).toList(),
                    pii.contains(column))));
    pseudonyms.forEach(
        (pseudonym, clear) -> {
          if (lineage.containsKey(clear)) {
            rows.add(
                RowFactory.create(
                    table.toString(),
                    pseudonym,
                    JavaConverters.asScalaBuffer(new ArrayList<String>()).toList(),
                    false));
          }
        });
    lake.replaceWhere(
        Tables.COLUMN_LINEAGE,
        lake.spark().createDataFrame(rows, SCHEMA),
        "table_name = '" + table + "'");
  }

  /** The PII columns of each gold table as {@link #record} wrote them. */
  static Map<String, Set<String>> recordedPii(Lake lake) {
    Map<String, Set<String>> pii = new HashMap<>();
    if (lake.exists(Tables.COLUMN_LINEAGE)) {
      for (Row row :
          lake.read(Tables.COLUMN_LINEAGE)
              .filter("pii")
              .select("table_name", "column_name")
              .collectAsList()) {
        pii.computeIfAbsent(row.getString(0), t -> new TreeSet<>()).add(row.getString(1));
      }
    }
    return pii;
  }

  private void visit(LogicalPlan plan) {
    List<LogicalPlan> children = list(plan.children());
    children.forEach(this::visit);
    if (plan instanceof CTERelationDef definition) {
      ctes.put(definition.id(), list(definition.output()));
    }
    if (plan instanceof CTERelationRef reference && ctes.containsKey(reference.cteId())) {
      // A WITH query's reference: its columns are the definition's, in order.
      List<Attribute> defined = ctes.get(reference.cteId());
      List<Attribute> output = list(reference.output());
      for (int i = 0; i < output.size(); i++) {
        sources.put(output.get(i).exprId(), sources(defined.get(i)));
      }
      return;
    }
    if (children.isEmpty()) {
      String table = table(plan);
      for (Attribute attribute : list(plan.output())) {
        sources.put(
            attribute.exprId(),
            Set.of(table == null ? Tables.UNTRACED : table + "." + attribute.name().toLowerCase()));
      }
      return;
    }
    for (Expression expression : list(plan.expressions())) {
      aliases(expression);
    }
    if (plan instanceof Generate generate) {
      // explode(...) and the like: what the generator reads.
      Set<String> from = carried((Expression) generate.generator());
      list(generate.generatorOutput()).forEach(a -> sources.put(a.exprId(), from));
    }
    if (plan instanceof Union) {
      List<Attribute> output = list(plan.output());
      for (int i = 0; i < output.size(); i++) {
        Set<String> merged = new TreeSet<>();
        for (LogicalPlan child : children) {
          merged.addAll(sources(list(child.output()).get(i)));
        }
        sources.put(output.get(i).exprId(), merged);
      }
    }
    // Anything else the node makes without an alias (a typed map, an expand) derives, for all we
    // know, from everything its children carry.
    for (Attribute attribute : list(plan.output())) {
      if (!sources.containsKey(attribute.exprId())) {
        Set<String> all = new TreeSet<>(Set.of(Tables.UNTRACED));
        children.forEach(c -> list(c.output()).forEach(a -> all.addAll(sources(a))));
        sources.put(attribute.exprId(), all);
      }
    }
  }

  /** Records every alias within {@code expression} as deriving from what it references. */
  private void aliases(Expression expression) {
    if (expression instanceof Alias alias) {
      sources.put(alias.exprId(), carried(alias.child()));
    }
    list(expression.children()).forEach(this::aliases);
  }

  /**
   * The sources of the values {@code expression} carries: every column it reads, except those that
   * only count rows or shape a window (a count partitioned by surname holds no surname).
   */
  private Set<String> carried(Expression expression) {
    if (expression instanceof Attribute attribute) {
      return sources(attribute);
    }
    if (expression instanceof Count || expression instanceof WindowSpecDefinition) {
      return Set.of();
    }
    Set<String> from = new TreeSet<>();
    list(expression.children()).forEach(child -> from.addAll(carried(child)));
    return from;
  }

  private Set<String> sources(Attribute attribute) {
    return sources.getOrDefault(attribute.exprId(), Set.of(Tables.UNTRACED));
  }

  /** The lake table a leaf reads, or null. */
  private String table(LogicalPlan leaf) {
    if (leaf instanceof LogicalRelation relation
        && relation.relation() instanceof HadoopFsRelation files) {
      List<org.apache.hadoop.fs.Path> roots = list(files.location().rootPaths());
      if (roots.size() == 1) {
        return tableAt.apply(roots.get(0).toString());
      }
    }
    if (leaf instanceof DataSourceV2Relation relation) {
      // A table of the session catalog (a SQL model's FROM silver.crime): its location.
      String location = relation.table().properties().get("location");
      return location == null ? null : tableAt.apply(location);
    }
    return null;
  }

  private static <T> List<T> list(scala.collection.Iterable<T> values) {
    return new ArrayList<>(JavaConverters.asJavaCollection(values));
  }
}
