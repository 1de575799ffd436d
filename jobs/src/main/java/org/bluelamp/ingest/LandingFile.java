package org.bluelamp.ingest;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * A file in landing: its full location and its name relative to the landing root (the name used in
 * lineage and in error messages).
 */
public record LandingFile(String location, String name, long size, long modifiedAt)
    implements Serializable {
  public LandingFile {
    requireNonNull(location, "location");
    requireNonNull(name, "name");
  }
}
