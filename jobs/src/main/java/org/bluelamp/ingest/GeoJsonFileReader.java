package org.bluelamp.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bluelamp.contract.ReaderSpec;

/**
 * A GeoJSON FeatureCollection: one record per feature (1-based), its properties as columns and its
 * geometry as GeoJSON text in the column {@code geometry}. Boundary layers are small enough to
 * parse whole.
 */
final class GeoJsonFileReader implements FileReader {
  static final String GEOMETRY = "geometry";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String encoding;

  GeoJsonFileReader(ReaderSpec spec) {
    this.encoding = spec.encoding().name();
  }

  @Override
  public List<String> header(InputStream in) {
    return List.of();
  }

  @Override
  public Iterator<RawRecord> read(InputStream in) throws IOException {
    JsonNode root = JSON.readTree(new InputStreamReader(in, Charset.forName(encoding)));
    JsonNode features = root == null ? null : root.get("features");
    if (features == null || !features.isArray()) {
      return List.of(new RawRecord(1, Map.of(), null, "not a GeoJSON FeatureCollection"))
          .iterator();
    }
    List<RawRecord> records = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      JsonNode feature = features.get(i);
      JsonNode properties = feature.get("properties");
      Map<String, String> fields =
          properties != null && properties.isObject()
              ? new HashMap<>(JsonLinesFileReader.fields(properties))
              : new HashMap<>();
      JsonNode geometry = feature.get(GEOMETRY);
      fields.put(GEOMETRY, geometry == null || geometry.isNull() ? null : geometry.toString());
      records.add(
          new RawRecord(i + 1, fields, properties == null ? null : properties.toString(), null));
    }
    return records.iterator();
  }
}
