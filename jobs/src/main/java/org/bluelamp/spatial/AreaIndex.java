package org.bluelamp.spatial;

import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * A set of areas (polygons in planar metres, by force) broadcast to every executor and indexed
 * there once: an STRtree of prepared polygons per force, probed with a record's {@code x_m}, {@code
 * y_m} in a UDF. "Contains" is JTS's (and {@code ST_Contains}'s): a point on a boundary is in
 * neither area.
 *
 * <p>Why not Sedona's broadcast index join, which does the same probing: it needs a geometry built
 * and serialised for every record, and a join is an inner join, so the matches must be joined back
 * to the records by key (a shuffle of every record) to keep those outside every area. The records
 * already hold their planar coordinates as two doubles: the UDF reads them and adds the area in
 * place, no geometry per record, no shuffle. Sedona's partitioned join stays for boundary sets too
 * large to broadcast ({@link AreaJoin}).
 */
public final class AreaIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * An area as broadcast: its id, name and polygon (WKB). A class, not a record: Spark broadcasts
   * with Kryo, whose field serializer cannot set a record's fields.
   */
  private static final class Area implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final String name;
    private final byte[] wkb;

    Area(String id, String name, byte[] wkb) {
      this.id = id;
      this.name = name;
      this.wkb = wkb;
    }

    String id() {
      return id;
    }

    String name() {
      return name;
    }

    byte[] wkb() {
      return wkb;
    }
  }

  private record Indexed(Area area, PreparedGeometry polygon) {}

  private static final StructType FIRST =
      new StructType().add("id", DataTypes.StringType).add("name", DataTypes.StringType);

  private final Map<String, List<Area>> byForce;
  private static final GeometryFactory FACTORY = new GeometryFactory();
  private transient volatile Map<String, STRtree> trees;

  private AreaIndex(Map<String, List<Area>> byForce) {
    this.byForce = byForce;
  }

  /**
   * The areas of {@code areas} ({@code force_id}, {@code area_id}, {@code area_name}, {@code
   * geom_planar} as WKB), collected to the driver: for sets small enough to broadcast.
   */
  public static AreaIndex of(Dataset<Row> areas) {
    Map<String, List<Area>> byForce = new HashMap<>();
    for (Row row :
        areas.select("force_id", "area_id", "area_name", "geom_planar").collectAsList()) {
      byForce
          .computeIfAbsent(row.getString(0), f -> new ArrayList<>())
          .add(new Area(row.getString(1), row.getString(2), (byte[]) row.get(3)));
    }
    return new AreaIndex(byForce);
  }

  /**
   * A UDF of ({@code force_id}, {@code x}, {@code y}) giving the struct ({@code id}, {@code name})
   * of the force's area containing the point, the smallest id where areas overlap; NULL outside
   * every area or without coordinates.
   */
  public UserDefinedFunction first(Dataset<Row> on) {
    Broadcast<AreaIndex> shared = broadcast(on);
    return udf(
            (UDF3<String, Double, Double, Row>)
                (force, x, y) -> {
                  List<Area> found = shared.value().containing(force, x, y);
                  return found.isEmpty()
                      ? null
                      : RowFactory.create(found.get(0).id(), found.get(0).name());
                },
            FIRST)
        .withName("area_containing");
  }

  /**
   * A UDF of ({@code force_id}, {@code x}, {@code y}) giving the ids of every area containing it.
   */
  public UserDefinedFunction all(Dataset<Row> on) {
    Broadcast<AreaIndex> shared = broadcast(on);
    return udf(
            (UDF3<String, Double, Double, List<String>>)
                (force, x, y) ->
                    shared.value().containing(force, x, y).stream().map(Area::id).toList(),
            DataTypes.createArrayType(DataTypes.StringType))
        .withName("areas_containing");
  }

  private Broadcast<AreaIndex> broadcast(Dataset<Row> on) {
    return JavaSparkContext.fromSparkContext(on.sparkSession().sparkContext()).broadcast(this);
  }

  /** The force's areas containing the point, by id. */
  private List<Area> containing(String force, Double x, Double y) {
    STRtree tree = x == null || y == null ? null : trees().get(force);
    if (tree == null) {
      return List.of();
    }
    Point point = FACTORY.createPoint(new Coordinate(x, y));
    List<Area> found = new ArrayList<>(1);
    for (Object candidate : tree.query(new Envelope(x, x, y, y))) {
      Indexed indexed = (Indexed) candidate;
      if (indexed.polygon().contains(point)) {
        found.add(indexed.area());
      }
    }
    if (found.size() > 1) {
      found.sort(Comparator.comparing(Area::id));
    }
    return found;
  }

  /** Built once per executor JVM (the broadcast value is shared by its tasks). */
  private Map<String, STRtree> trees() {
    Map<String, STRtree> built = trees;
    if (built == null) {
      synchronized (this) {
        if (trees == null) {
          trees = build();
        }
        built = trees;
      }
    }
    return built;
  }

  private Map<String, STRtree> build() {
    WKBReader reader = new WKBReader(FACTORY);
    Map<String, STRtree> built = new HashMap<>();
    byForce.forEach(
        (force, areas) -> {
          STRtree tree = new STRtree();
          for (Area area : areas) {
            try {
              var polygon = reader.read(area.wkb());
              tree.insert(
                  polygon.getEnvelopeInternal(),
                  new Indexed(area, PreparedGeometryFactory.prepare(polygon)));
            } catch (ParseException e) {
              throw new IllegalStateException(
                  "area " + area.id() + " of " + force + " has an unreadable polygon (WKB)", e);
            }
          }
          tree.build();
          built.put(force, tree);
        });
    return built;
  }
}
