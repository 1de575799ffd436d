package org.bluelamp.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.bluelamp.contract.ReaderSpec;

/**
 * Reads one landing file into raw records. One implementation per reader kind; everything after
 * this seam (typing, lookups, geometry, rules, writes) is shared by every source.
 */
interface FileReader extends Serializable {
  /** The column names the file offers (its header), or an empty list when records vary. */
  List<String> header(InputStream in) throws IOException;

  /** Streams the file's records; the caller closes {@code in} once the iterator is exhausted. */
  Iterator<RawRecord> read(InputStream in) throws IOException;

  static FileReader of(ReaderSpec spec) {
    return switch (spec.kind()) {
      case CSV -> new CsvFileReader(spec);
      case JSONL -> new JsonLinesFileReader(spec);
      case GEOJSON -> new GeoJsonFileReader(spec);
      case FIXED -> new FixedWidthFileReader(spec);
      case XML -> new XmlFileReader(spec);
      case EXCEL -> new ExcelFileReader(spec);
      case PARQUET, SHAPEFILE, JDBC ->
          throw new IllegalArgumentException(spec.kind() + " is not read file by file");
    };
  }
}
