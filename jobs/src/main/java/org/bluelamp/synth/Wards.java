package org.bluelamp.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bluelamp.contract.Force;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Irregular wards that tile a force's extent exactly: a grid whose inner corners and edge midpoints
 * are jittered, each shared vertex computed once so neighbours share their boundary.
 */
final class Wards {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  /** A ward: code, name and polygon in the force's projected CRS. */
  record Ward(String id, String name, Polygon polygon) {}

  private Wards() {}

  /**
   * Areas tiling {@code extent} on a jittered {@code columns x rows} grid; ids from {@code
   * idPattern} (a format taking the 1-based number), names from {@code names} (numbered when they
   * run out).
   */
  static List<Ward> build(
      Force.Extent extent,
      int columns,
      int rows,
      SplittableRandom random,
      String idPattern,
      List<String> names) {
    double width = (extent.maxX() - extent.minX()) / columns;
    double height = (extent.maxY() - extent.minY()) / rows;
    Coordinate[][] corners = new Coordinate[columns + 1][rows + 1];
    for (int i = 0; i <= columns; i++) {
      for (int j = 0; j <= rows; j++) {
        boolean edgeX = i == 0 || i == columns;
        boolean edgeY = j == 0 || j == rows;
        double dx = edgeX ? 0 : jitter(random, width * 0.18);
        double dy = edgeY ? 0 : jitter(random, height * 0.18);
        corners[i][j] =
            new Coordinate(extent.minX() + i * width + dx, extent.minY() + j * height + dy);
      }
    }
    Coordinate[][] horizontal = new Coordinate[columns][rows + 1];
    for (int i = 0; i < columns; i++) {
      for (int j = 0; j <= rows; j++) {
        Coordinate a = corners[i][j];
        Coordinate b = corners[i + 1][j];
        double dy = j == 0 || j == rows ? 0 : jitter(random, height * 0.12);
        horizontal[i][j] = new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2 + dy);
      }
    }
    Coordinate[][] vertical = new Coordinate[columns + 1][rows];
    for (int i = 0; i <= columns; i++) {
      for (int j = 0; j < rows; j++) {
        Coordinate a = corners[i][j];
        Coordinate b = corners[i][j + 1];
        double dx = i == 0 || i == columns ? 0 : jitter(random, width * 0.12);
        vertical[i][j] = new Coordinate((a.x + b.x) / 2 + dx, (a.y + b.y) / 2);
      }
    }
    List<Ward> wards = new ArrayList<>();
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < columns; i++) {
        Coordinate[] ring = {
          corners[i][j], horizontal[i][j], corners[i + 1][j], vertical[i + 1][j],
          corners[i + 1][j + 1], horizontal[i][j + 1], corners[i][j + 1], vertical[i][j],
          corners[i][j]
        };
        Polygon polygon = GEOMETRY.createPolygon(copy(ring));
        if (!polygon.isValid()) {
          throw new IllegalStateException("generated an invalid ward polygon: " + polygon);
        }
        int index = j * columns + i;
        wards.add(
            new Ward(
                String.format(java.util.Locale.ROOT, idPattern, index + 1),
                index < names.size()
                    ? names.get(index)
                    : names.get(index % names.size()) + " " + (index / names.size() + 1),
                polygon));
      }
    }
    return List.copyOf(wards);
  }

  static String wardAt(List<Ward> wards, double x, double y) {
    Ward ward = wardContaining(wards, x, y);
    return ward == null ? null : ward.id();
  }

  /** The ward whose polygon contains the point, or null (the point lies outside every ward). */
  static Ward wardContaining(List<Ward> wards, double x, double y) {
    Point point = GEOMETRY.createPoint(new Coordinate(x, y));
    for (Ward ward : wards) {
      if (ward.polygon().contains(point)) {
        return ward;
      }
    }
    return null;
  }

  private static Coordinate[] copy(Coordinate[] ring) {
    Coordinate[] copy = new Coordinate[ring.length];
    for (int i = 0; i < ring.length; i++) {
      copy[i] = new Coordinate(ring[i]);
    }
    return copy;
  }

  private static double jitter(SplittableRandom random, double amplitude) {
    return (random.nextDouble() * 2 - 1) * amplitude;
  }
}
