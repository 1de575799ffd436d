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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bluelamp.Errors;
import org.bluelamp.contract.Layout;
import org.bluelamp.contract.SourceContract;
import org.bluelamp.lake.Interval;

/** The landing area: which files a source's data interval covers, and opening them. */
public final class Landing {
  private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

  private final String root;
  private final Configuration conf;

  public Landing(String root, Configuration conf) {
    this.root = requireNonNull(root, "root").replaceAll("/+$", "");
    this.conf = requireNonNull(conf, "conf");
  }

  public String root() {
    return root;
  }

  /**
   * The files of {@code contract} that belong to {@code interval}: for daily sources, those whose
   * name carries a date inside it; for snapshot sources, all of them. Sorted by name.
   */
  public List<LandingFile> select(SourceContract contract, Interval interval) {
    String dir = root + "/" + contract.reader().path();
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
