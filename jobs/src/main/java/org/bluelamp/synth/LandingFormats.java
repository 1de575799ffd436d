package org.bluelamp.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.bluelamp.Errors;
import org.bluelamp.contract.ColumnType;
import org.bluelamp.contract.ReaderSpec;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes rows the way real extracts arrive: CSV dialects, JSON lines, XML, fixed-width text, Excel,
 * Parquet, GeoJSON and ESRI shapefiles. A row maps source column names to cells: text, whole
 * numbers, doubles, local dates and times (already in the source's zone), or a geometry. Each
 * writer returns the offset (line, row or record number) the readers give each row.
 */
final class LandingFormats {
  private LandingFormats() {}

  /** One row to write; {@code malformed} asks the writer to damage it the way exports break. */
  record Row(Map<String, Object> cells, boolean malformed) {}

  /** How the text formats spell dates, times and numbers of a column. */
  interface TextForm {
    String text(String column, Object cell);
  }

  static List<Long> csv(
      Path file, ReaderSpec spec, List<String> columns, List<Row> rows, TextForm form) {
    String delimiter = spec.option("delimiter", ",").replace("\\t", "\t");
    String quote = spec.option("quote", "\"");
    boolean header = Boolean.parseBoolean(spec.option("header", "true"));
    List<String> lines = new ArrayList<>();
    if (header) {
      lines.add(String.join(delimiter, columns));
    }
    List<Long> offsets = new ArrayList<>();
    for (Row row : rows) {
      List<String> fields = new ArrayList<>();
      for (String column : columns) {
        fields.add(csvField(form.text(column, row.cells().get(column)), delimiter, quote));
      }
      if (row.malformed()) {
        fields.remove(fields.size() - 1); // a truncated export line: one field short
      }
      lines.add(String.join(delimiter, fields));
      offsets.add((long) lines.size());
    }
    writeLines(file, lines, spec.encoding());
    return offsets;
  }

  static String csvField(String value, String delimiter, String quote) {
    if (value == null) {
      return "";
    }
    if (value.contains(delimiter) || value.contains(quote) || value.contains("\n")) {
      return quote + value.replace(quote, quote + quote) + quote;
    }
    return value;
  }

  static List<Long> jsonLines(Path file, ReaderSpec spec, List<Row> rows, TextForm form) {
    List<String> lines = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    for (Row row : rows) {
      ObjectNode json = WorldGenerator.JSON.createObjectNode();
      row.cells()
          .forEach(
              (column, cell) -> {
                if (cell == null) {
                  json.putNull(column);
                } else if (cell instanceof Long number) {
                  json.put(column, number);
                } else if (cell instanceof Integer number) {
                  json.put(column, number);
                } else if (cell instanceof Double number) {
                  json.put(column, number);
                } else {
                  json.put(column, form.text(column, cell));
                }
              });
      String line = json.toString();
      lines.add(row.malformed() ? line.substring(0, line.length() / 2) : line);
      offsets.add((long) lines.size());
    }
    writeLines(file, lines, spec.encoding());
    return offsets;
  }

  /** One record element per line (the reader's offset is the line a record starts on). */
  static List<Long> xml(Path file, ReaderSpec spec, List<Row> rows, TextForm form) {
    String record = spec.option("record", "record");
    List<String> lines = new ArrayList<>();
    lines.add("<?xml version=\"1.0\" encoding=\"" + spec.encoding().name() + "\"?>");
    lines.add("<Export>");
    List<Long> offsets = new ArrayList<>();
    for (Row row : rows) {
      XmlNode node = new XmlNode(record);
      row.cells().forEach((column, cell) -> node.put(column, form.text(column, cell)));
      StringBuilder line = new StringBuilder();
      node.write(line);
      lines.add(line.toString());
      offsets.add((long) lines.size());
    }
    lines.add("</Export>");
    writeLines(file, lines, spec.encoding());
    return offsets;
  }

  /** An element with attributes and children, built from column paths such as {@code A/@b}. */
  private static final class XmlNode {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, XmlNode> children = new LinkedHashMap<>();
    private String text;

    XmlNode(String name) {
      this.name = name;
    }

    void put(String path, String value) {
      int slash = path.indexOf('/');
      if (slash >= 0) {
        children
            .computeIfAbsent(path.substring(0, slash), XmlNode::new)
            .put(path.substring(slash + 1), value);
      } else if (path.startsWith("@")) {
        if (value != null) {
          attributes.put(path.substring(1), value);
        }
      } else {
        children.computeIfAbsent(path, XmlNode::new).text = value;
      }
    }

    void write(StringBuilder out) {
      out.append('<').append(name);
      attributes.forEach(
          (k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
      if (children.isEmpty() && text == null) {
        out.append("/>");
        return;
      }
      out.append('>');
      if (text != null) {
        out.append(escape(text));
      }
      children.values().forEach(child -> child.write(out));
      out.append("</").append(name).append('>');
    }

    private static String escape(String value) {
      return value
          .replace("&", "&amp;")
          .replace("<", "&lt;")
          .replace(">", "&gt;")
          .replace("\"", "&quot;");
    }
  }

  static List<Long> fixedWidth(Path file, ReaderSpec spec, List<Row> rows, TextForm form) {
    int skip = Integer.parseInt(spec.option("skip_lines", "0"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < skip; i++) {
      lines.add(i == 0 ? "EXTRACT " + file.getFileName() : "");
    }
    List<Long> offsets = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (ReaderSpec.FixedField field : spec.fields()) {
        String value = form.text(field.name(), row.cells().get(field.name()));
        value = value == null ? "" : value;
        if (value.length() > field.length()) {
          throw new IllegalStateException(
              "value '"
                  + value
                  + "' does not fit the "
                  + field.length()
                  + " characters of "
                  + field);
        }
        line.append(" ".repeat(field.start() - 1 - line.length()));
        line.append(value);
      }
      String text = line.toString().stripTrailing();
      if (row.malformed()) {
        int lastStart = spec.fields().get(spec.fields().size() - 1).start();
        text = text.substring(0, Math.min(text.length(), lastStart - 2));
      }
      lines.add(text);
      offsets.add((long) lines.size());
    }
    writeLines(file, lines, spec.encoding());
    return offsets;
  }

  /**
   * Excel: numbers as numeric cells, dates as date cells, the rest (times included, as operational
   * exports write them) as text.
   */
  static List<Long> excel(
      Path file, ReaderSpec spec, List<String> columns, List<Row> rows, TextForm form) {
    int skip = Integer.parseInt(spec.option("skip_rows", "0"));
    List<Long> offsets = new ArrayList<>();
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      SXSSFSheet sheet = workbook.createSheet(spec.option("sheet", "Sheet1"));
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
      int r = skip;
      var header = sheet.createRow(r++);
      for (int c = 0; c < columns.size(); c++) {
        header.createCell(c).setCellValue(columns.get(c));
      }
      for (Row row : rows) {
        var line = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          Object value = row.cells().get(columns.get(c));
          if (value == null) {
            continue;
          }
          Cell cell = line.createCell(c);
          if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
          } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(dateStyle);
          } else {
            cell.setCellValue(form.text(columns.get(c), value));
          }
        }
        offsets.add((long) r);
      }
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
      workbook.dispose();
    } catch (IOException e) {
      throw Errors.io("write " + file, e);
    }
    return offsets;
  }

  /**
   * Parquet with typed columns: text, INT64, DOUBLE, DATE and UTC TIMESTAMP(MICROS). Date-times are
   * expected in UTC (the contract declares {@code zone: UTC}).
   */
  static List<Long> parquet(Path file, Map<String, ColumnType> columns, List<Row> rows) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (Map.Entry<String, ColumnType> column : columns.entrySet()) {
      String name = column.getKey();
      switch (column.getValue()) {
        case INTEGER, LONG -> builder.optional(PrimitiveTypeName.INT64).named(name);
        case DOUBLE -> builder.optional(PrimitiveTypeName.DOUBLE).named(name);
        case TIMESTAMP ->
            builder
                .optional(PrimitiveTypeName.INT64)
                .as(
                    LogicalTypeAnnotation.timestampType(
                        true, LogicalTypeAnnotation.TimeUnit.MICROS))
                .named(name);
        case DATE ->
            builder
                .optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType())
                .named(name);
        default ->
            builder
                .optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(name);
      }
    }
    MessageType schema = builder.named("record");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    List<Long> offsets = new ArrayList<>();
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
              .withConf(new Configuration())
              .withType(schema)
              .build()) {
        for (Row row : rows) {
          Group group = groups.newGroup();
          row.cells()
              .forEach(
                  (column, value) -> {
                    if (value instanceof Long number) {
                      group.add(column, number);
                    } else if (value instanceof Integer number) {
                      group.add(column, number.longValue());
                    } else if (value instanceof Double number) {
                      group.add(column, number);
                    } else if (value instanceof LocalDateTime time) {
                      long seconds = time.toEpochSecond(ZoneOffset.UTC);
                      group.add(column, seconds * 1_000_000 + time.getNano() / 1_000);
                    } else if (value instanceof LocalDate date) {
                      group.add(column, (int) date.toEpochDay());
                    } else if (value != null) {
                      group.add(column, value.toString());
                    }
                  });
          writer.write(group);
          offsets.add((long) offsets.size() + 1);
        }
      }
      Path crc = file.resolveSibling("." + file.getFileName() + ".crc");
      Files.deleteIfExists(crc);
    } catch (IOException e) {
      throw Errors.io("write " + file, e);
    }
    return offsets;
  }

  /** A FeatureCollection whose geometry comes from the cell {@code geometryColumn}. */
  static List<Long> geoJson(
      Path file,
      ReaderSpec spec,
      String crs,
      String geometryColumn,
      List<Row> rows,
      TextForm form) {
    ObjectNode root = WorldGenerator.JSON.createObjectNode();
    root.put("type", "FeatureCollection");
    root.putObject("crs")
        .put("type", "name")
        .putObject("properties")
        .put("name", "urn:ogc:def:crs:" + crs.replace(":", "::"));
    var features = root.putArray("features");
    List<Long> offsets = new ArrayList<>();
    for (Row row : rows) {
      ObjectNode feature = features.addObject();
      feature.put("type", "Feature");
      ObjectNode properties = feature.putObject("properties");
      row.cells()
          .forEach(
              (column, cell) -> {
                if (!column.equals(geometryColumn)) {
                  properties.put(column, form.text(column, cell));
                }
              });
      Geometry geometry = (Geometry) row.cells().get(geometryColumn);
      feature.set("geometry", WorldGenerator.JSON.valueToTree(geoJsonGeometry(geometry)));
      offsets.add((long) offsets.size() + 1);
    }
    writeLines(file, List.of(root.toString()), spec.encoding());
    return offsets;
  }

  static Map<String, Object> geoJsonGeometry(Geometry geometry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", geometry.getGeometryType());
    if (geometry instanceof Point point) {
      json.put("coordinates", xy(point.getCoordinate()));
    } else if (geometry instanceof LineString line) {
      json.put("coordinates", ring(line.getCoordinates()));
    } else if (geometry instanceof Polygon polygon) {
      json.put("coordinates", List.of(ring(polygon.getExteriorRing().getCoordinates())));
    } else {
      throw new IllegalArgumentException("unsupported geometry " + geometry.getGeometryType());
    }
    return json;
  }

  private static List<List<Double>> ring(Coordinate[] coordinates) {
    List<List<Double>> ring = new ArrayList<>();
    for (Coordinate c : coordinates) {
      ring.add(xy(c));
    }
    return ring;
  }

  private static List<Double> xy(Coordinate c) {
    return List.of(Math.round(c.x * 10) / 10.0, Math.round(c.y * 10) / 10.0);
  }

  static List<Long> shapefile(Path file, String geometryColumn, List<Row> rows, TextForm form) {
    List<ShapefileWriter.Feature> features = new ArrayList<>();
    for (Row row : rows) {
      Map<String, String> attributes = new LinkedHashMap<>();
      row.cells()
          .forEach(
              (column, cell) -> {
                if (!column.equals(geometryColumn)) {
                  attributes.put(column, form.text(column, cell));
                }
              });
      features.add(
          new ShapefileWriter.Feature((Geometry) row.cells().get(geometryColumn), attributes));
    }
    String name = file.getFileName().toString();
    try {
      Files.createDirectories(file.getParent());
      ShapefileWriter.write(
          file.resolveSibling(name.substring(0, name.lastIndexOf('.'))), features);
    } catch (IOException e) {
      throw Errors.io("write " + file, e);
    }
    List<Long> offsets = new ArrayList<>();
    for (int i = 1; i <= rows.size(); i++) {
      offsets.add((long) i);
    }
    return offsets;
  }

  static String formatTime(LocalDateTime time, String pattern) {
    return time.format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
  }

  static void writeLines(Path file, List<String> lines, Charset charset) {
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter writer = Files.newBufferedWriter(file, charset)) {
        for (String line : lines) {
          writer.write(line);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      throw Errors.io("write " + file, e);
    }
  }
}
