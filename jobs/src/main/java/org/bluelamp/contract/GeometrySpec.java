package org.bluelamp.contract;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a record's location is: coordinate columns {@code x}/{@code y}, or a GeoJSON geometry
 * column, in {@code crs}.
 */
public record GeometrySpec(
    Optional<String> x, Optional<String> y, Optional<String> geojson, String crs) {
  public GeometrySpec {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    requireNonNull(geojson, "geojson");
    requireNonNull(crs, "crs");
  }

  public boolean isPoint() {
    return x.isPresent();
  }
}
