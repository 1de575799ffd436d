package org.bluelamp.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.bluelamp.lake.TableName;
import org.bluelamp.resolve.VehicleLinkageSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registration looked up through Trino ({@link VehicleSearch}, `bluelamp search`): typed in any
 * case and spacing, or with a digit for a letter, it finds the vehicle the licensing extract
 * (silver.vehicle_record, read with Spark) registers; an officer sees the keeper, an analyst a
 * pseudonymous key, a public user nothing; and the search is audited.
 */
class TrinoSearchIT {
  private static ServedWorld served;
  private static VehicleLinkageSpec spec;

  /** An English keeper record, read with Spark: the truth the searches are checked against. */
  private static Row keeper;

  @BeforeAll
  static void serve() {
    served = ServedWorld.get();
    spec = VehicleLinkageSpec.load(served.world.pipelines);
    keeper =
        served
            .world
            .lake
            .read(TableName.of("silver.vehicle_record"))
            .filter("force_id = 'england' AND keeper_surname IS NOT NULL AND vrm RLIKE '[012568]'")
            .orderBy("vrm")
            .select("vrm", "keeper_surname", "keeper_address", "make")
            .first();
  }

  private static List<VehicleSearch.Hit> search(String user, String typed) throws SQLException {
    try (Connection connection = served.connect(user)) {
      return VehicleSearch.find(connection, spec, typed);
    }
  }

  @Test
  void anOfficerFindsTheRegisteredVehicleAndItsKeeperHoweverTheRegistrationIsTyped()
      throws Exception {
    String vrm = keeper.getString(0);
    String careless = vrm.replace(" ", "").toLowerCase(Locale.ROOT);
    // A digit typed as the letter it looks like (a misread of the other class).
    int at = firstIndexOf(vrm, "012568");
    String misread =
        vrm.substring(0, at) + "OIZ--SG-B".charAt(vrm.charAt(at) - '0') + vrm.substring(at + 1);
    for (String typed : List.of(vrm, careless, misread)) {
      List<VehicleSearch.Hit> hits = search(ServedWorld.OFFICER, typed);
      assertThat(hits).as(typed).hasSize(1);
      VehicleSearch.Hit hit = hits.get(0);
      assertThat(hit.forceId()).isEqualTo("england");
      assertThat(hit.vrm().replace(" ", "")).isEqualTo(vrm.replace(" ", "").toUpperCase());
      assertThat(hit.keeperSurname()).isEqualTo(keeper.getString(1));
      assertThat(hit.keeperAddress()).isEqualTo(keeper.getString(2));
      assertThat(hit.make()).isEqualTo(keeper.getString(3));
      assertThat(hit.timeline())
          .hasSize((int) hit.mentions())
          .anyMatch(e -> e.contains("registration"));
    }
    ServedWorld.awaitRecorded(ServedWorld.OFFICER, "gold.vehicle_view WHERE vrm_key IN", 3);
  }

  @Test
  void anAnalystSeesTheVehicleWithItsKeeperMaskedAndThePublicNothing() throws SQLException {
    VehicleSearch.Hit officer = search(ServedWorld.OFFICER, keeper.getString(0)).get(0);
    VehicleSearch.Hit analyst = search(ServedWorld.ANALYST, keeper.getString(0)).get(0);
    assertThat(analyst.keeperSurname()).startsWith("pk_").isNotEqualTo(officer.keeperSurname());
    assertThat(analyst.keeperAddress()).startsWith("pk_");
    assertThat(analyst.vehicleId()).isEqualTo(officer.vehicleId());
    assertThat(analyst.timeline()).isEqualTo(officer.timeline());
    assertThatThrownBy(() -> search(ServedWorld.PUBLIC, keeper.getString(0)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access Denied");
  }

  @Test
  void aRegistrationNoForceRecordsFindsNothingAndTextWithoutLettersIsRefused() throws SQLException {
    assertThat(search(ServedWorld.OFFICER, "QQ99 QQQ")).isEmpty();
    assertThatThrownBy(() -> search(ServedWorld.OFFICER, " - "))
        .hasMessageContaining("not a registration");
  }

  private static int firstIndexOf(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    throw new IllegalArgumentException(text + " has none of " + characters);
  }
}
