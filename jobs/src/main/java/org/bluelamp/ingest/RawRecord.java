package org.bluelamp.ingest;

import java.util.Map;

/**
 * One record as the file holds it: every field as text, keyed by source column name. {@code offset}
 * is the 1-based line (text formats) or feature number where the record starts; {@code error} is
 * set when the record could not be parsed at all.
 */
record RawRecord(long offset, Map<String, String> fields, String raw, String error) {}
