package org.bluelamp.contract;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored pseudonym beside each PII text column: {@code <column>_pseudonym}, a keyed HMAC that
 * the jobs compute where the key lives. A role that may not see PII reads it in the column's place
 * (Trino's mask selects it), so no secret is ever part of a query.
 */
public final class Pii {
  private static final String PSEUDONYM_SUFFIX = "_pseudonym";

  private Pii() {}

  /** {@code surname} -> {@code surname_pseudonym}. */
  public static String pseudonym(String column) {
    return column + PSEUDONYM_SUFFIX;
  }

  /** The pseudonym column of each of {@code columns}, pseudonym to column, in their order. */
  public static Map<String, String> pseudonyms(Collection<String> columns) {
    Map<String, String> pseudonyms = new LinkedHashMap<>();
    columns.forEach(column -> pseudonyms.put(pseudonym(column), column));
    return pseudonyms;
  }
}
