package org.bluelamp.contract;

/** The types a source column can be cast to; every raw value arrives as text. */
public enum ColumnType {
  STRING("string"),
  INTEGER("int"),
  LONG("bigint"),
  DOUBLE("double"),
  BOOLEAN("boolean"),
  DATE("date"),
  TIMESTAMP("timestamp");

  private final String sparkType;

  ColumnType(String sparkType) {
    this.sparkType = sparkType;
  }

  public String sparkType() {
    return sparkType;
  }

  public boolean isNumeric() {
    return this == INTEGER || this == LONG || this == DOUBLE;
  }

  public boolean isTemporal() {
    return this == DATE || this == TIMESTAMP;
  }
}
