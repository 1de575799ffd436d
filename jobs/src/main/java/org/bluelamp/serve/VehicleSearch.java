package org.bluelamp.serve;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import org.bluelamp.Errors;
import org.bluelamp.resolve.VehicleLinkageSpec;

/**
 * A registration looked up in {@code gold.vehicle_view} through Trino, as the user of the
 * connection: their role's row scope and masks apply, and the query is in {@code ops.query_audit}
 * like any other. The typed text is read as the resolution reads a recorded registration (case,
 * spaces and hyphens do not matter; a misread of the other class is corrected), so the lookup is an
 * equality on the sorted search key.
 */
public final class VehicleSearch {
  private static final String COLUMNS =
      "force_id, vehicle_id, country, vrm, mentions, anpr_sightings, collisions, stops,"
          + " penalty_notices, first_seen, last_seen, make, colour, keeper_forename,"
          + " keeper_surname, keeper_address,"
          + " transform(timeline, e -> format('%s  %s  %s %s  (%s, recorded %s)',"
          + " CAST(e.event_at AS varchar),"
          + " e.event_type, e.role, e.event_id, e.source, e.vrm_recorded)) AS timeline";

  /** One force's view of a vehicle; the keeper's details as the user's role may see them. */
  public record Hit(
      String forceId,
      String vehicleId,
      String country,
      String vrm,
      long mentions,
      long anprSightings,
      long collisions,
      long stops,
      long penaltyNotices,
      String firstSeen,
      String lastSeen,
      String make,
      String colour,
      String keeperForename,
      String keeperSurname,
      String keeperAddress,
      List<String> timeline) {}

  private VehicleSearch() {}

  /** The SQL an application sends for {@code keys} search keys (one parameter each). */
  public static String sql(int keys) {
    return "SELECT "
        + COLUMNS
        + " FROM "
        + TrinoServer.CATALOG
        + ".gold.vehicle_view WHERE vrm_key IN ("
        + String.join(", ", Collections.nCopies(keys, "?"))
        + ") ORDER BY force_id, vrm";
  }

  /** The vehicles {@code typed} may be, each force's row of them; empty when none. */
  public static List<Hit> find(Connection trino, VehicleLinkageSpec spec, String typed)
      throws SQLException {
    SortedSet<String> keys = spec.searchKeys(typed);
    if (keys.isEmpty()) {
      throw Errors.usage(
          "'" + typed + "' holds no letter or digit: it is not a registration",
          "type the registration as written on the plate, e.g. AB12 CDE");
    }
    return Lookups.find(trino, sql(keys.size()), List.copyOf(keys), VehicleSearch::hit);
  }

  private static Hit hit(ResultSet rows) throws SQLException {
    return new Hit(
        rows.getString("force_id"),
        rows.getString("vehicle_id"),
        rows.getString("country"),
        rows.getString("vrm"),
        rows.getLong("mentions"),
        rows.getLong("anpr_sightings"),
        rows.getLong("collisions"),
        rows.getLong("stops"),
        rows.getLong("penalty_notices"),
        rows.getString("first_seen"),
        rows.getString("last_seen"),
        rows.getString("make"),
        rows.getString("colour"),
        rows.getString("keeper_forename"),
        rows.getString("keeper_surname"),
        rows.getString("keeper_address"),
        Lookups.strings(rows.getArray("timeline")));
  }
}
