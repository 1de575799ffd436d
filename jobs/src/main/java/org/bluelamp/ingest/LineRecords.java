package org.bluelamp.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Streams a text file as one record per non-blank line, numbering lines from 1. */
final class LineRecords {
  /** Turns one line, with its 1-based number, into a record. */
  interface LineParser {
    RawRecord parse(long lineNumber, String line);
  }

  private LineRecords() {}

  static Iterator<RawRecord> of(
      InputStream in, Charset encoding, int skipLines, LineParser parser) {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, encoding));
    return new Iterator<>() {
      private long lineNumber;
      private String next = advance();

      private String advance() {
        try {
          String line;
          do {
            line = lines.readLine();
            lineNumber++;
          } while (line != null && (lineNumber <= skipLines || line.isBlank()));
          return line;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public RawRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String line = next;
        long number = lineNumber;
        next = advance();
        return parser.parse(number, line);
      }
    };
  }
}
