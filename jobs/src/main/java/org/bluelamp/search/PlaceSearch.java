package org.bluelamp.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.bluelamp.Errors;
import org.bluelamp.resolve.Addresses;
import org.bluelamp.resolve.PlaceLinkageSpec;
import org.bluelamp.trino.TrinoServer;

/**
 * An address looked up in {@code gold.place_view} through Trino, as the user of the connection:
 * their role's row scope and masks apply (residents and the recorded spellings are PII) and the
 * query is in {@code ops.query_audit}. The typed text is written one way as the place resolution
 * writes a recorded address ({@link Addresses#key}: case, accents, punctuation and abbreviated
 * street types do not matter), then compared with the places of the same first word (the house
 * number), a range of the sorted {@code place_key} (small row groups, whose statistics can skip the
 * rest): the whole address first, then an address whose first line it is (typed without its
 * locality: every locality with that number and street), then one within the {@code max_edits} of
 * {@code places.yaml} (a slip in the typing or in the records).
 */
public final class PlaceSearch {
  /** Places returned at most, best first. */
  public static final int LIMIT = 20;

  /** How a place matched the typed address. */
  public enum Match {
    /** Within {@code max_edits} edits. */
    SIMILAR,
    /** One is the other's first line: typed or recorded without the locality. */
    FIRST_LINE,
    /** The whole address. */
    ADDRESS
  }

  /** One force's place; the residents and spellings as the user's role may see them. */
  public record Hit(
      String forceId,
      String placeId,
      String addressId,
      String placeText,
      String placeKey,
      String postcode,
      String wardName,
      long mentions,
      long crimeScenes,
      long homeRecords,
      long persons,
      String residents,
      String addressesRecorded,
      String firstSeen,
      String lastSeen,
      List<String> timeline,
      Match match) {}

  private PlaceSearch() {}

  /**
   * The SQL an application sends for places within {@code maxEdits} of the typed address ({@code
   * places.yaml}'s {@code max_edits}). Each place of the range is scored once (none: not a match).
   * Parameters: the key; the key followed by a space twice (either address the other's first line);
   * the key (edits); the range of keys starting with the key's first word and a space (from, to).
   */
  public static String sql(int maxEdits) {
    return "SELECT force_id, place_id, address_id, place_text, place_key, postcode, ward_name,"
        + " mentions, crime_scenes, home_records, persons, residents, addresses_recorded,"
        + " CAST(first_seen AS varchar) AS first_seen, CAST(last_seen AS varchar) AS last_seen,"
        + " transform(timeline, e -> format('%s  %s %s  %s  (%s, %s)', CAST(e.event_at AS varchar),"
        + " e.event_type, e.event_id, e.role, e.source, e.method)) AS timeline,"
        + " score FROM (SELECT *, CASE WHEN place_key = ? THEN 3"
        + " WHEN starts_with(place_key, ?) OR starts_with(?, place_key || ' ') THEN 2"
        + " WHEN levenshtein_distance(place_key, ?) <= "
        + maxEdits
        + " THEN 1 END AS score FROM "
        + TrinoServer.CATALOG
        + ".gold.place_view WHERE place_key >= ? AND place_key < ?)"
        + " WHERE score IS NOT NULL ORDER BY score DESC, mentions DESC, force_id, place_id LIMIT "
        + LIMIT;
  }

  /** The places {@code typed} may be, best first; empty when none. */
  public static List<Hit> find(Connection trino, PlaceLinkageSpec spec, String typed)
      throws SQLException {
    String key = spec.addresses().key(typed);
    if (key == null) {
      throw Errors.usage(
          "'" + typed + "' holds no letter or digit: it is not an address",
          "type the address as written, e.g. 14 Green Lane, Northfield");
    }
    String firstWord = key.split(" ", 2)[0] + " ";
    // Keys hold only A-Z, 0-9 and spaces: every key starting with "12 " sorts below "12!".
    String beyond = firstWord.substring(0, firstWord.length() - 1) + "!";
    String line = key + " ";
    return Lookups.find(
        trino,
        sql(spec.maxEdits()),
        List.of(key, line, line, key, firstWord, beyond),
        PlaceSearch::hit);
  }

  private static Hit hit(ResultSet rows) throws SQLException {
    return new Hit(
        rows.getString("force_id"),
        rows.getString("place_id"),
        rows.getString("address_id"),
        rows.getString("place_text"),
        rows.getString("place_key"),
        rows.getString("postcode"),
        rows.getString("ward_name"),
        rows.getLong("mentions"),
        rows.getLong("crime_scenes"),
        rows.getLong("home_records"),
        rows.getLong("persons"),
        rows.getString("residents"),
        rows.getString("addresses_recorded"),
        rows.getString("first_seen"),
        rows.getString("last_seen"),
        Lookups.strings(rows.getArray("timeline")),
        Match.values()[rows.getInt("score") - 1]);
  }
}
