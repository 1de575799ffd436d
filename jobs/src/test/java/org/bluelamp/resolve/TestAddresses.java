package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Addresses written one way, worked by hand. */
class TestAddresses {
  private static final Addresses ADDRESSES =
      new Addresses(Map.of("RD", "ROAD", "LN", "LANE", "CHEE", "CHAUSSEE"));

  @Test
  void caseCommasAndStreetTypesAreWrittenOneWay() {
    assertThat(ADDRESSES.key("12 Station Rd, Northfield")).isEqualTo("12 STATION ROAD NORTHFIELD");
    assertThat(ADDRESSES.key("12 STATION ROAD NORTHFIELD")).isEqualTo("12 STATION ROAD NORTHFIELD");
    assertThat(ADDRESSES.key("  12  station road,northfield. "))
        .isEqualTo("12 STATION ROAD NORTHFIELD");
  }

  @Test
  void accentsAndApostrophesGoAndAnAbbreviationInsideAWordStays() {
    assertThat(ADDRESSES.key("4 Chée d'Alsemberg, Forest"))
        .isEqualTo("4 CHAUSSEE D ALSEMBERG FOREST");
    // "Rd" is a street type only as a word of its own.
    assertThat(ADDRESSES.key("9 Rdway Ln")).isEqualTo("9 RDWAY LANE");
  }

  @Test
  void theFirstLineIsTheNumberAndStreet() {
    assertThat(ADDRESSES.lineKey("12 Station Rd, Northfield")).isEqualTo("12 STATION ROAD");
    assertThat(ADDRESSES.lineKey("12 Station Rd")).isEqualTo("12 STATION ROAD");
  }

  @Test
  void theShortKeyShortensEveryStreetTypeSoASlipInAnAbbreviationIsTwoEdits() {
    assertThat(ADDRESSES.shortKey("12 STATION ROAD NORTHFIELD"))
        .isEqualTo("12 STATION RD NORTHFIELD");
    // "Gree nLn" (a slip in "Green Ln") is two edits from "GREEN LN", five from "GREEN LANE".
    assertThat(ADDRESSES.shortKey(ADDRESSES.key("149 Green Lane, Greenhill")))
        .isEqualTo("149 GREEN LN GREENHILL");
    assertThat(ADDRESSES.shortKey(null)).isNull();
  }

  @Test
  void nothingToWriteIsNull() {
    assertThat(ADDRESSES.key(null)).isNull();
    assertThat(ADDRESSES.key(" ,. ")).isNull();
    assertThat(ADDRESSES.lineKey(null)).isNull();
  }
}
