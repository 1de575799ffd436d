package org.bluelamp.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.bluelamp.contract.ReaderSpec;

/**
 * Delimited text through univocity (the parser Spark's own CSV source uses), streamed so that every
 * record keeps its line number. Without a header, columns are named by 1-based position.
 */
final class CsvFileReader implements FileReader {
  private final char delimiter;
  private final char quote;
  private final char escape;
  private final String encoding;
  private final boolean header;

  CsvFileReader(ReaderSpec spec) {
    this.delimiter = single(spec.option("delimiter", ","));
    this.quote = single(spec.option("quote", "\""));
    this.escape = single(spec.option("escape", spec.option("quote", "\"")));
    this.encoding = spec.encoding().name();
    this.header = Boolean.parseBoolean(spec.option("header", "true"));
  }

  private static char single(String value) {
    return "\\t".equals(value) ? '\t' : value.charAt(0);
  }

  private CsvParser start(InputStream in) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(delimiter);
    settings.getFormat().setQuote(quote);
    settings.getFormat().setQuoteEscape(escape);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setMaxCharsPerColumn(1_000_000);
    settings.setMaxColumns(2_048);
    settings.setSkipEmptyLines(true);
    settings.setCommentProcessingEnabled(false);
    CsvParser parser = new CsvParser(settings);
    parser.beginParsing(new InputStreamReader(in, Charset.forName(encoding)));
    return parser;
  }

  @Override
  public List<String> header(InputStream in) {
    if (!header) {
      return List.of();
    }
    CsvParser parser = start(in);
    String[] names = parser.parseNext();
    parser.stopParsing();
    return names == null ? List.of() : Arrays.stream(names).map(CsvFileReader::clean).toList();
  }

  private static String clean(String name) {
    return name == null ? "" : name.replace("\uFEFF", "").trim();
  }

  @Override
  public Iterator<RawRecord> read(InputStream in) {
    CsvParser parser = start(in);
    List<String> names;
    if (header) {
      String[] first = parser.parseNext();
      names = first == null ? List.of() : Arrays.stream(first).map(CsvFileReader::clean).toList();
    } else {
      names = null;
    }
    return new Iterator<>() {
      private long lastLine = parser.getContext().currentLine();
      private String[] next = parser.parseNext();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public RawRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String[] values = next;
        long endLine = parser.getContext().currentLine();
        String raw = parser.getContext().currentParsedContent();
        long startLine = lastLine + 1;
        lastLine = endLine;
        next = parser.parseNext();
        List<String> columns =
            names != null
                ? names
                : IntStream.rangeClosed(1, values.length).mapToObj(Integer::toString).toList();
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < Math.min(values.length, columns.size()); i++) {
          fields.put(columns.get(i), values[i]);
        }
        String error =
            names != null && values.length != names.size()
                ? "expected " + names.size() + " fields (the header's), found " + values.length
                : null;
        return new RawRecord(startLine, fields, raw == null ? null : raw.stripTrailing(), error);
      }
    };
  }
}
