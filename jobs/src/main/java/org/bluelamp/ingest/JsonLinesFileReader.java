package org.bluelamp.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bluelamp.contract.ReaderSpec;

/** One JSON object per line; nested values are kept as JSON text. */
final class JsonLinesFileReader implements FileReader {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final String encoding;

  JsonLinesFileReader(ReaderSpec spec) {
    this.encoding = spec.encoding().name();
  }

  @Override
  public List<String> header(InputStream in) {
    return List.of();
  }

  @Override
  public Iterator<RawRecord> read(InputStream in) {
    return LineRecords.of(in, Charset.forName(encoding), 0, JsonLinesFileReader::parse);
  }

  static RawRecord parse(long offset, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new RawRecord(offset, Map.of(), line, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new RawRecord(offset, Map.of(), line, "not a JSON object");
    }
    return new RawRecord(offset, fields(node), line, null);
  }

  static Map<String, String> fields(JsonNode object) {
    Map<String, String> fields = new HashMap<>();
    object
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode value = e.getValue();
              String text;
              if (value.isNull()) {
                text = null;
              } else if (value.isBigDecimal()) {
                text = value.decimalValue().toPlainString();
              } else if (value.isValueNode()) {
                text = value.asText();
              } else {
                text = value.toString();
              }
              fields.put(e.getKey(), text);
            });
    return fields;
  }
}
