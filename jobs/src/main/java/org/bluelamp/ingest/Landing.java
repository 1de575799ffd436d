package org.bluelamp.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bluelamp.Errors;
import org.bluelamp.contract.Layout;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.Interval;

/**
 * The landing area: which files a source's data interval covers, and opening them. Each force's
 * files are under its own root (the force's {@code landing}), a source's in its contract's {@code
 * reader.path} below it.
 */
public final class Landing {
  private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  private final Function<String, String> rootOfForce;
  private final Configuration conf;

  /** Every force's files under one root. */
  public Landing(String root, Configuration conf) {
    this(force -> root, conf);
  }

  private Landing(Function<String, String> rootOfForce, Configuration conf) {
    this.rootOfForce = requireNonNull(rootOfForce, "rootOfForce");
    this.conf = requireNonNull(conf, "conf");
  }

  /**
   * Each force's files where its {@code pipelines/forces/<force>.yaml} says ({@code landing}): a
   * URI or an absolute folder as written, a relative folder under {@code home}.
   */
  public static Landing configured(
      Pipelines pipelines, java.nio.file.Path home, Configuration conf) {
    Map<String, String> roots = new TreeMap<>();
    pipelines
        .forces()
        .values()
        .forEach(force -> roots.put(force.id(), root(force.landing(), home)));
    return new Landing(force -> roots.get(force), conf);
  }

  private static String root(String landing, java.nio.file.Path home) {
    if (landing.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return landing;
    }
    return home.resolve(landing).toAbsolutePath().normalize().toString();
  }

  /** The folder (or URI) the source's files are read from. */
  public String folder(SourceContract contract) {
    return rootOfForce.apply(contract.force()).replaceAll("/+$", "")
        + "/"
        + contract.reader().path();
  }

  /**
   * The days the daily files of these sources cover, from the first to the day after the last;
   * empty when none of them has a file.
   */
  public Optional<Interval> span(List<SourceContract> contracts) {
    LocalDate first = null;
    LocalDate last = null;
    for (SourceContract contract : contracts) {
      if (contract.reader().layout() != Layout.DAILY || !contract.reader().kind().readsFiles()) {
        continue;
      }
      for (LandingFile file : select(contract, null)) {
        LocalDate day = dateOf(contract, file.name());
        first = first == null || day.isBefore(first) ? day : first;
        last = last == null || day.isAfter(last) ? day : last;
      }
    }
    return first == null ? Optional.empty() : Optional.of(new Interval(first, last.plusDays(1)));
  }

  /**
   * The files of {@code contract} that belong to {@code interval}: for daily sources, those whose
   * name carries a date inside it (every daily file when {@code interval} is null); for snapshot
   * sources, all of them. Sorted by name.
   */
  public List<LandingFile> select(SourceContract contract, Interval interval) {
    String dir = folder(contract);
    List<LandingFile> files = new ArrayList<>();
    try {
      FileSystem fs = fileSystem(dir);
      FileStatus[] matches = fs.globStatus(new Path(dir + "/" + contract.reader().glob()));
      for (FileStatus status : matches == null ? new FileStatus[0] : matches) {
        if (!status.isFile()) {
          continue;
        }
        String name = contract.reader().path() + "/" + status.getPath().getName();
        if (contract.reader().layout() == Layout.DAILY
            && interval != null
            && !interval.contains(dateOf(contract, name))) {
          continue;
        }
        files.add(
            new LandingFile(
                status.getPath().toString(), name, status.getLen(), status.getModificationTime()));
      }
    } catch (IOException e) {
      throw Errors.unreadableFile(contract.id(), dir, e);
    }
    files.sort(Comparator.comparing(LandingFile::name));
    return List.copyOf(files);
  }

  private static LocalDate dateOf(SourceContract contract, String name) {
    Matcher matcher = DATE.matcher(name.substring(name.lastIndexOf('/') + 1));
    try {
      if (matcher.find()) {
        return LocalDate.parse(matcher.group(1));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw Errors.usage(
        "Source " + contract.id() + ": file " + name + " has no yyyy-MM-dd date in its name",
        "daily sources need the day in each file name (e.g. cad_2026-03-16.csv); name it so, or"
            + " declare reader.layout: snapshot in "
            + contract.file());
  }

  public InputStream open(LandingFile file) throws IOException {
    return open(file.location(), conf);
  }

  static InputStream open(String location, Configuration conf) throws IOException {
    Path path = new Path(location);
    return path.getFileSystem(conf).open(path);
  }

  private FileSystem fileSystem(String dir) throws IOException {
    return FileSystem.get(URI.create(dir.contains(":") ? dir : "file://" + dir), conf);
  }
}
