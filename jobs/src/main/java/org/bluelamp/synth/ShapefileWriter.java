package org.bluelamp.synth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes ESRI shapefiles (.shp, .shx, .dbf, .cpg) of points, lines or polygons with text
 * attributes, as many councils and national offices still publish layers. Only what the sample
 * world needs: one geometry type per file, character fields, UTF-8 attributes.
 */
public final class ShapefileWriter {
  private static final int POINT = 1;
  private static final int POLYLINE = 3;
  private static final int POLYGON = 5;

  /** A feature: its geometry and its attributes (the same keys, in order, for every feature). */
  public record Feature(Geometry geometry, Map<String, String> attributes) {}

  private ShapefileWriter() {}

  /** Writes {@code <base>.shp/.shx/.dbf/.cpg}; {@code base} is the path without extension. */
  public static void write(Path base, List<Feature> features) throws IOException {
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a shapefile needs at least one feature");
    }
    int type = typeOf(features.get(0).geometry());
    List<byte[]> contents = new ArrayList<>();
    Envelope extent = new Envelope();
    for (Feature feature : features) {
      if (typeOf(feature.geometry()) != type) {
        throw new IllegalArgumentException("one geometry type per shapefile");
      }
      contents.add(content(type, feature.geometry()));
      extent.expandToInclude(feature.geometry().getEnvelopeInternal());
    }
    int shpWords = 50;
    for (byte[] content : contents) {
      shpWords += 4 + content.length / 2;
    }
    ByteBuffer shp = ByteBuffer.allocate(shpWords * 2);
    ByteBuffer shx = ByteBuffer.allocate((50 + 4 * contents.size()) * 2);
    header(shp, shpWords, type, extent);
    header(shx, 50 + 4 * contents.size(), type, extent);
    for (int i = 0; i < contents.size(); i++) {
      byte[] content = contents.get(i);
      shx.order(ByteOrder.BIG_ENDIAN).putInt(shp.position() / 2).putInt(content.length / 2);
      shp.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(content.length / 2);
      shp.put(content);
    }
    Files.createDirectories(base.toAbsolutePath().getParent());
    Files.write(sibling(base, ".shp"), shp.array());
    Files.write(sibling(base, ".shx"), shx.array());
    Files.write(sibling(base, ".dbf"), dbf(features));
    Files.writeString(sibling(base, ".cpg"), "UTF-8");
  }

  private static Path sibling(Path base, String extension) {
    return base.resolveSibling(base.getFileName() + extension);
  }

  private static int typeOf(Geometry geometry) {
    if (geometry instanceof Point) {
      return POINT;
    }
    if (geometry instanceof LineString) {
      return POLYLINE;
    }
    if (geometry instanceof Polygon) {
      return POLYGON;
    }
    throw new IllegalArgumentException("unsupported geometry " + geometry.getGeometryType());
  }

  private static void header(ByteBuffer buffer, int words, int type, Envelope extent) {
    buffer.order(ByteOrder.BIG_ENDIAN).putInt(9994);
    for (int i = 0; i < 5; i++) {
      buffer.putInt(0);
    }
    buffer.putInt(words);
    buffer.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(type);
    buffer.putDouble(extent.getMinX()).putDouble(extent.getMinY());
    buffer.putDouble(extent.getMaxX()).putDouble(extent.getMaxY());
    for (int i = 0; i < 4; i++) {
      buffer.putDouble(0);
    }
  }

  private static byte[] content(int type, Geometry geometry) {
    if (type == POINT) {
      Coordinate c = geometry.getCoordinate();
      return ByteBuffer.allocate(20)
          .order(ByteOrder.LITTLE_ENDIAN)
          .putInt(POINT)
          .putDouble(c.x)
          .putDouble(c.y)
          .array();
    }
    List<Coordinate[]> parts = new ArrayList<>();
    if (geometry instanceof Polygon polygon) {
      // Shapefiles want outer rings clockwise and holes counter-clockwise.
      parts.add(oriented(polygon.getExteriorRing().getCoordinates(), true));
      for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
        parts.add(oriented(polygon.getInteriorRingN(i).getCoordinates(), false));
      }
    } else {
      parts.add(geometry.getCoordinates());
    }
    int points = parts.stream().mapToInt(p -> p.length).sum();
    ByteBuffer buffer =
        ByteBuffer.allocate(44 + 4 * parts.size() + 16 * points).order(ByteOrder.LITTLE_ENDIAN);
    Envelope envelope = geometry.getEnvelopeInternal();
    buffer.putInt(type).putDouble(envelope.getMinX()).putDouble(envelope.getMinY());
    buffer.putDouble(envelope.getMaxX()).putDouble(envelope.getMaxY());
    buffer.putInt(parts.size()).putInt(points);
    int start = 0;
    for (Coordinate[] part : parts) {
      buffer.putInt(start);
      start += part.length;
    }
    for (Coordinate[] part : parts) {
      for (Coordinate c : part) {
        buffer.putDouble(c.x).putDouble(c.y);
      }
    }
    return buffer.array();
  }

  private static Coordinate[] oriented(Coordinate[] ring, boolean clockwise) {
    if (Orientation.isCCW(ring) == clockwise) {
      Coordinate[] reversed = ring.clone();
      java.util.Collections.reverse(java.util.Arrays.asList(reversed));
      return reversed;
    }
    return ring;
  }

  /** dBASE III attributes: character fields sized to the longest value (max 254 bytes). */
  private static byte[] dbf(List<Feature> features) {
    List<String> names = new ArrayList<>(features.get(0).attributes().keySet());
    int[] widths = new int[names.size()];
    for (Feature feature : features) {
      for (int i = 0; i < names.size(); i++) {
        String value = feature.attributes().getOrDefault(names.get(i), "");
        widths[i] = Math.min(254, Math.max(widths[i], Math.max(1, utf8(value).length)));
      }
    }
    int recordLength = 1;
    for (int width : widths) {
      recordLength += width;
    }
    int headerLength = 32 + 32 * names.size() + 1;
    ByteBuffer buffer =
        ByteBuffer.allocate(headerLength + recordLength * features.size() + 1)
            .order(ByteOrder.LITTLE_ENDIAN);
    buffer.put((byte) 3).put((byte) 126).put((byte) 1).put((byte) 1);
    buffer.putInt(features.size()).putShort((short) headerLength).putShort((short) recordLength);
    buffer.put(new byte[20]);
    for (int i = 0; i < names.size(); i++) {
      byte[] name = new byte[11];
      byte[] given = names.get(i).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(given, 0, name, 0, Math.min(10, given.length));
      buffer.put(name).put((byte) 'C').put(new byte[4]).put((byte) widths[i]).put((byte) 0);
      buffer.put(new byte[14]);
    }
    buffer.put((byte) 0x0D);
    for (Feature feature : features) {
      buffer.put((byte) ' ');
      for (int i = 0; i < names.size(); i++) {
        byte[] value = utf8(feature.attributes().getOrDefault(names.get(i), ""));
        byte[] field = new byte[widths[i]];
        java.util.Arrays.fill(field, (byte) ' ');
        System.arraycopy(value, 0, field, 0, Math.min(value.length, widths[i]));
        buffer.put(field);
      }
    }
    buffer.put((byte) 0x1A);
    return buffer.array();
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
