package org.bluelamp.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bluelamp.trino.TrinoServer;

/**
 * A person looked up by name, phone or address in {@code gold.person_search} and shown from {@code
 * gold.person_view}, through Trino as the user of the connection: their role's row scope and masks
 * apply (a role without PII sees the search keys masked, so it finds no one by name) and the query
 * is in {@code ops.query_audit}. The typed text is reduced to keys as the linkage normalises a
 * recorded name ({@code resolve/PersonSearchKeys}); persons matching a stronger key come first: the
 * whole name, then the surname, phone or address, then the surname's sound.
 */
public final class PersonSearch {
  /** Persons returned at most, best first. */
  public static final int LIMIT = 20;

  /**
   * One force's view of a person; names, address and identity document as the user's role may see
   * them.
   */
  public record Hit(
      String forceId,
      String personId,
      String forename,
      String surname,
      String dob,
      String address,
      String document,
      String namesRecorded,
      long mentions,
      String roles,
      String firstSeen,
      String lastSeen,
      boolean wanted,
      boolean missing,
      boolean safeguardingConcern,
      int score) {}

  private PersonSearch() {}

  /**
   * The SQL an application sends for {@code keys} (key type, key) pairs: two parameters each. The
   * keys found are reduced to one row per person and score first and are the join's right side:
   * without column statistics Trino builds its hash table from the right side, which then must be
   * the few persons found, not the whole view (tried at --scale 1: p50 ~190 ms against ~230 ms with
   * the view on the right and the view's wide rows grouped).
   */
  public static String sql(int keys) {
    return "SELECT v.force_id, v.person_id, v.forename, v.surname, CAST(v.dob AS varchar) AS dob,"
        + " v.address, v.document, v.names_recorded, v.mentions, v.roles,"
        + " CAST(v.first_seen AS varchar) AS first_seen, CAST(v.last_seen AS varchar) AS last_seen,"
        + " v.wanted, v.missing, v.safeguarding_concern, f.score FROM "
        + TrinoServer.CATALOG
        + ".gold.person_view v JOIN (SELECT force_id, person_id,"
        + " max(CASE key_type WHEN 'name' THEN 3 WHEN 'document' THEN 3"
        + " WHEN 'surname_code' THEN 1 ELSE 2 END) AS score"
        + " FROM "
        + TrinoServer.CATALOG
        + ".gold.person_search WHERE "
        + String.join(" OR ", Collections.nCopies(keys, "(key_type = ? AND key = ?)"))
        + " GROUP BY force_id, person_id) f"
        + " ON v.force_id = f.force_id AND v.person_id = f.person_id"
        + " ORDER BY f.score DESC, v.mentions DESC, v.person_id LIMIT "
        + LIMIT;
  }

  /** The persons {@code keys} (key type, key) find, best first; empty when none. */
  public static List<Hit> find(Connection trino, Collection<Map.Entry<String, String>> keys)
      throws SQLException {
    List<String> parameters = new ArrayList<>();
    for (Map.Entry<String, String> key : keys) {
      parameters.add(key.getKey());
      parameters.add(key.getValue());
    }
    return Lookups.find(trino, sql(keys.size()), parameters, PersonSearch::hit);
  }

  private static Hit hit(ResultSet rows) throws SQLException {
    return new Hit(
        rows.getString("force_id"),
        rows.getString("person_id"),
        rows.getString("forename"),
        rows.getString("surname"),
        rows.getString("dob"),
        rows.getString("address"),
        rows.getString("document"),
        rows.getString("names_recorded"),
        rows.getLong("mentions"),
        rows.getString("roles"),
        rows.getString("first_seen"),
        rows.getString("last_seen"),
        rows.getBoolean("wanted"),
        rows.getBoolean("missing"),
        rows.getBoolean("safeguarding_concern"),
        rows.getInt("score"));
  }
}
