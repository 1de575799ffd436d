package org.bluelamp.ingest;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bluelamp.contract.ReaderSpec;

/**
 * Fixed-width text, as mainframe and older records systems export it: each line is cut at the
 * declared positions. A line too short for the layout is a malformed record.
 */
final class FixedWidthFileReader implements FileReader {
  private final String encoding;
  private final int skipLines;
  private final List<ReaderSpec.FixedField> fields;
  private final int width;

  FixedWidthFileReader(ReaderSpec spec) {
    this.encoding = spec.encoding().name();
    this.skipLines = Integer.parseInt(spec.option("skip_lines", "0"));
    this.fields = spec.fields();
    ReaderSpec.FixedField last = fields.get(fields.size() - 1);
    this.width = last.start() + last.length() - 1;
  }

  @Override
  public List<String> header(InputStream in) {
    return List.of();
  }

  @Override
  public Iterator<RawRecord> read(InputStream in) {
    return LineRecords.of(in, Charset.forName(encoding), skipLines, this::cut);
  }

  private RawRecord cut(long offset, String line) {
    Map<String, String> values = new HashMap<>();
    for (ReaderSpec.FixedField field : fields) {
      int from = field.start() - 1;
      if (from < line.length()) {
        values.put(
            field.name(), line.substring(from, Math.min(line.length(), from + field.length())));
      }
    }
    // Trailing blanks of the last field are often trimmed by the exporting system: only a line
    // that ends before the last field starts is malformed.
    ReaderSpec.FixedField last = fields.get(fields.size() - 1);
    String error =
        line.length() < last.start()
            ? "the line has " + line.length() + " characters; the layout needs " + width
            : null;
    return new RawRecord(offset, values, line, error);
  }
}
