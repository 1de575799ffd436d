package org.bluelamp;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines for long runs: elapsed time, stage, what was done. */
public final class Progress {
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public static Progress silent() {
    return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  public void log(String stage, String message) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "[%7.1fs] %-8s %s%n", seconds, stage, message);
    out.flush();
  }

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
