package org.bluelamp.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bluelamp.Errors;
import org.bluelamp.resolve.PlatePattern;
import org.bluelamp.resolve.VehicleLinkageSpec;
import org.bluelamp.trino.TrinoServer;

/**
 * A registration looked up in {@code gold.vehicle_view} through Trino, as the user of the
 * connection: their role's row scope and masks apply, and the query is in {@code ops.query_audit}
 * like any other. The typed text is read as the resolution reads a recorded registration (case,
 * spaces and hyphens do not matter; a misread of the other class is corrected), so the lookup is an
 * equality on the sorted search key. A registration partly known ({@code ?}, {@code *}) is looked
 * up by its trigrams in {@code gold.vehicle_search} first ({@link #findPartial}).
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

  /** Vehicles a partial registration shows at most; one more row says there are more. */
  public static final int PARTIAL_LIMIT = 50;

  private VehicleSearch() {}

  /** The SQL an application sends for {@code keys} search keys (one parameter each). */
  public static String sql(int keys) {
    return "SELECT "
        + COLUMNS
        + " FROM "
        + TrinoServer.CATALOG
        + ".gold.vehicle_view WHERE vrm_key IN ("
        + placeholders(keys)
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

  /** A query with its parameters, in order. */
  public record Prepared(String sql, List<String> parameters) {}

  /**
   * The query for a partly known registration ({@link PlatePattern}): the keys of {@code
   * gold.vehicle_search} holding every trigram of one of the variants and matching its regular
   * expression, then their vehicles in {@code gold.vehicle_view}, most recently seen first. One
   * parameter per trigram (every variant's, then each variant's own) and per regular expression.
   */
  public static Prepared partial(PlatePattern pattern) {
    Set<String> grams = new TreeSet<>();
    List<String> conditions = new ArrayList<>();
    List<String> perVariant = new ArrayList<>();
    for (PlatePattern.Variant variant : pattern.variants()) {
      grams.addAll(variant.grams());
      conditions.add(
          "(count(DISTINCT CASE WHEN gram IN ("
              + placeholders(variant.grams().size())
              + ") THEN gram END) = "
              + variant.grams().size()
              + " AND regexp_like(arbitrary(vrm_key), ?))");
      perVariant.addAll(variant.grams());
      perVariant.add(variant.regex());
    }
    List<String> parameters = new ArrayList<>(grams);
    parameters.addAll(perVariant);
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + TrinoServer.CATALOG
            + ".gold.vehicle_view WHERE vrm_key IN (SELECT arbitrary(vrm_key) FROM "
            + TrinoServer.CATALOG
            + ".gold.vehicle_search WHERE gram IN ("
            + placeholders(grams.size())
            + ") GROUP BY force_id, vehicle_id HAVING "
            + String.join(" OR ", conditions)
            + ") ORDER BY last_seen DESC NULLS LAST, force_id, vrm LIMIT "
            + (PARTIAL_LIMIT + 1);
    return new Prepared(sql, parameters);
  }

  /**
   * The vehicles whose registration {@code typed} (with {@code ?} and {@code *}) may be, most
   * recently seen first: at most {@link #PARTIAL_LIMIT}, and one more when there are more.
   */
  public static List<Hit> findPartial(Connection trino, VehicleLinkageSpec spec, String typed)
      throws SQLException {
    Prepared query = partial(spec.pattern(typed));
    return Lookups.find(trino, query.sql(), query.parameters(), VehicleSearch::hit);
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
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
