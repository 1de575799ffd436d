package org.bluelamp.search;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bluelamp.ServedWorld;
import org.bluelamp.lake.TableName;
import org.bluelamp.resolve.Addresses;
import org.bluelamp.resolve.PersonSearchKeys;
import org.bluelamp.resolve.PersonSearchKeys.Kind;
import org.bluelamp.resolve.PlaceLinkageSpec;
import org.bluelamp.resolve.VehicleLinkageSpec;
import org.bluelamp.synth.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registration looked up through Trino ({@link VehicleSearch}, `bluelamp search`): typed in any
 * case and spacing, or with a digit for a letter, it finds the vehicle the licensing extract
 * (silver.vehicle_record, read with Spark) registers; an officer sees the keeper, an analyst a
 * pseudonymous key, a public user nothing; and the search is audited. Seen in part, it finds every
 * vehicle it may be (gold.vehicle_search's trigrams against a scan of every key with Spark). And a
 * person's single view (gold.person_view) through Trino: the planted person's spellings for an
 * officer, keys and the year of birth for an analyst. And their home ({@link PlaceSearch},
 * gold.place_view), typed short, without its locality or misspelt: the gazetteer address the
 * generator wrote their records at (truth/england-places.csv), with them living there for an
 * officer; an analyst finds no one by a home address (the address text derives from PII).
 */
class TrinoSearchIT {
  private static ServedWorld served;
  private static VehicleLinkageSpec spec;

  /** An English keeper record, read with Spark: the truth the searches are checked against. */
  private static Row keeper;

  /** The English force's planted person (truth), their entity and phone (their first call). */
  private static Truth.PlantedPerson planted;

  private static String plantedPersonId;
  private static String plantedPhone;

  /** The identity document the planted person was first booked into custody with. */
  private static String plantedDocument;

  /** The planted person's home as their first call records it, and its gazetteer id. */
  private static String plantedHome;

  private static String plantedHomeId;

  @BeforeAll
  static void serve() {
    served = ServedWorld.get();
    spec = VehicleLinkageSpec.load(served.world.pipelines);
    planted = served.world.truth("england").plantedPerson();
    SparkSession spark = served.world.lake.spark();
    Path truth = served.world.dir.resolve("truth");
    Dataset<Row> calls = plantedRecords("england__calls", "call_id", "silver.call");
    plantedDocument =
        plantedRecords("england__custody", "custody_id", "silver.custody")
            .filter(col("id_document").isNotNull())
            .first()
            .getAs("id_document");
    Row call = calls.first();
    plantedPersonId =
        served
            .world
            .lake
            .read(TableName.of("gold.person_link"))
            .filter(col("mention_id").equalTo("call:" + call.getAs("call_id")))
            .first()
            .getAs("person_id");
    plantedPhone = call.getAs("caller_phone");
    // The first call in which they gave their home address; the generator's truth of every
    // written address gives its gazetteer id.
    plantedHome = calls.filter(col("caller_address").isNotNull()).first().getAs("caller_address");
    List<Row> written =
        spark
            .read()
            .option("header", "true")
            .csv(truth.resolve("england-places.csv").toString())
            .filter(col("written").equalTo(plantedHome))
            .collectAsList();
    assertThat(written).as("the truth of " + plantedHome).hasSize(1);
    plantedHomeId = written.get(0).getAs("address_id");
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
    // The audit holds what was searched for, not only the query: the key each typing was read as.
    String key = vrm.replace(" ", "").toUpperCase(Locale.ROOT);
    ServedWorld.awaitRecorded(ServedWorld.OFFICER, "'" + key + "'", 3);
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

  /**
   * The keeper's registration seen in part (its start, its end, two characters unseen, typed
   * carelessly): the vehicles found through the trigrams are exactly those whose key in
   * gold.vehicle_view (read with Spark, every English vehicle) matches one of the pattern's
   * readings (resolve/TestPlatePattern checks the readings), the keeper's among them; an analyst
   * finds the same vehicles with the keeper masked.
   */
  @Test
  void aPartlySeenRegistrationFindsEveryVehicleItMatchesTheKeepersAmongThem() throws Exception {
    String key = keeper.getString(0).replace(" ", "").toUpperCase(Locale.ROOT);
    for (String typed :
        List.of(
            key.substring(0, 3) + "*",
            "*" + key.substring(key.length() - 3),
            (key.substring(0, 2) + "??" + key.substring(4)).toLowerCase(Locale.ROOT))) {
      String readings =
          spec.pattern(typed).variants().stream()
              .map(variant -> "(" + variant.regex() + ")")
              .collect(java.util.stream.Collectors.joining("|"));
      List<String> expected =
          served
              .world
              .lake
              .read(TableName.of("gold.vehicle_view"))
              .filter(col("force_id").equalTo("england").and(col("vrm_key").rlike(readings)))
              .select("vehicle_id")
              .as(org.apache.spark.sql.Encoders.STRING())
              .collectAsList();
      assertThat(expected).as(typed).hasSizeBetween(1, VehicleSearch.PARTIAL_LIMIT);
      List<VehicleSearch.Hit> officer = partial(ServedWorld.OFFICER, typed);
      assertThat(officer)
          .as(typed)
          .extracting(VehicleSearch.Hit::vehicleId)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(officer)
          .filteredOn(hit -> hit.vrm().replace(" ", "").equals(key))
          .singleElement()
          .satisfies(hit -> assertThat(hit.keeperSurname()).isEqualTo(keeper.getString(1)));
      List<VehicleSearch.Hit> analyst = partial(ServedWorld.ANALYST, typed);
      assertThat(analyst)
          .extracting(VehicleSearch.Hit::vehicleId)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(analyst)
          .filteredOn(hit -> hit.keeperSurname() != null)
          .allSatisfy(hit -> assertThat(hit.keeperSurname()).startsWith("pk_"));
    }
    assertThatThrownBy(() -> partial(ServedWorld.OFFICER, "A*")).hasMessageContaining("too little");
    ServedWorld.awaitRecorded(ServedWorld.OFFICER, "gold.vehicle_search WHERE gram IN", 3);
  }

  private static List<VehicleSearch.Hit> partial(String user, String typed) throws SQLException {
    try (Connection connection = served.connect(user)) {
      return VehicleSearch.findPartial(connection, spec, typed);
    }
  }

  @Test
  void anOfficerSeesThePlantedPersonsNamesAndAnAnalystTheirKeysAndYearOfBirth() throws Exception {
    String sql =
        "SELECT names_recorded, dob, mentions, cardinality(timeline) FROM lake.gold.person_view"
            + " WHERE force_id = 'england' AND person_id = ?";
    List<List<Object>> officer = served.rows(ServedWorld.OFFICER, sql, plantedPersonId);
    List<List<Object>> analyst = served.rows(ServedWorld.ANALYST, sql, plantedPersonId);
    assertThat(officer).hasSize(1);
    assertThat(((String) officer.get(0).get(0)).split("; ")).containsAll(planted.spellings());
    assertThat((String) analyst.get(0).get(0)).startsWith("pk_");
    assertThat(analyst.get(0).get(1).toString()).endsWith("-01-01");
    assertThat(officer.get(0).get(3)).isEqualTo(officer.get(0).get(2));
    assertThat(analyst.get(0).subList(2, 4)).isEqualTo(officer.get(0).subList(2, 4));
  }

  /** The planted person's records of {@code source} (truth), as silver has them, by key. */
  private static Dataset<Row> plantedRecords(String source, String key, String table) {
    return served
        .world
        .lake
        .spark()
        .read()
        .option("header", "true")
        .csv(served.world.dir.resolve("truth").resolve("england-identities.csv").toString())
        .filter(col("identity").equalTo(planted.identity()).and(col("source").equalTo(source)))
        .select(col("key").as(key))
        .join(served.world.lake.read(TableName.of(table)), key)
        .orderBy(key);
  }

  @Test
  void anOfficerFindsThePlantedPersonByAnotherSpellingTheirPhoneAndTheirLicenceAnAnalystByNone()
      throws Exception {
    // None of their records is spelled so: the surname of one of them, the forename of none.
    List<PersonSearch.Hit> byName = findPerson(ServedWorld.OFFICER, Kind.NAME, "Mohamed Husain");
    assertThat(byName).isNotEmpty();
    assertThat(byName.get(0).personId()).isEqualTo(plantedPersonId);
    assertThat(byName.get(0).namesRecorded()).contains("MOHAMMED HUSAIN");
    // Their phone as recorded (07700 9xxxxx), typed in international form.
    String international = "+44 " + plantedPhone.replace(" ", "").substring(1);
    assertThat(findPerson(ServedWorld.OFFICER, Kind.PHONE, international))
        .extracting(PersonSearch.Hit::personId)
        .contains(plantedPersonId);
    // Their driving licence as custody booked it in, typed in lower case with spaces.
    String typed = plantedDocument.toLowerCase(Locale.ROOT).replaceAll("(.{5})", "$1 ");
    List<PersonSearch.Hit> byDocument = findPerson(ServedWorld.OFFICER, Kind.DOCUMENT, typed);
    assertThat(byDocument).extracting(PersonSearch.Hit::personId).containsExactly(plantedPersonId);
    // The latest document recorded is that one, with or without its spaces (never a slip: the
    // generator writes the planted person's details as they are).
    assertThat(byDocument.get(0).document().replace(" ", ""))
        .isEqualTo(plantedDocument.replace(" ", ""));
    assertThat(findPerson(ServedWorld.ANALYST, Kind.NAME, "Mohammed Hussain")).isEmpty();
    assertThat(findPerson(ServedWorld.ANALYST, Kind.DOCUMENT, plantedDocument)).isEmpty();
    ServedWorld.awaitRecorded(ServedWorld.OFFICER, "gold.person_search WHERE", 3);
  }

  @Test
  void anOfficerFindsThePlantedPersonsHomeTypedShortWithoutItsLocalityOrMisspeltAndThemLivingThere()
      throws Exception {
    Addresses addresses = PlaceLinkageSpec.load(served.world.pipelines).addresses();
    // "12 Station Road, Northfield": "12 station rd northfield", "12 Station Road", and a slip
    // (two neighbouring letters of the street swapped).
    String shortened = addresses.shortKey(addresses.key(plantedHome)).toLowerCase(Locale.ROOT);
    String line = plantedHome.split(",")[0];
    int at = line.indexOf(' ') + 1;
    while (plantedHome.charAt(at) == plantedHome.charAt(at + 1)) {
      at++;
    }
    String slip =
        plantedHome.substring(0, at)
            + plantedHome.charAt(at + 1)
            + plantedHome.charAt(at)
            + plantedHome.substring(at + 2);
    Map<String, PlaceSearch.Match> typed =
        Map.of(
            shortened, PlaceSearch.Match.ADDRESS,
            line, PlaceSearch.Match.FIRST_LINE,
            slip, PlaceSearch.Match.SIMILAR);
    for (Map.Entry<String, PlaceSearch.Match> entry : typed.entrySet()) {
      List<PlaceSearch.Hit> hits = findPlace(ServedWorld.OFFICER, entry.getKey());
      assertThat(hits)
          .as(entry.getKey())
          .filteredOn(hit -> plantedHomeId.equals(hit.addressId()))
          .singleElement()
          .satisfies(
              home -> {
                assertThat(home.match()).isEqualTo(entry.getValue());
                assertThat(home.placeText()).isEqualTo(plantedHome);
                assertThat(home.residents()).contains(plantedPersonId);
                assertThat(home.timeline()).hasSize((int) home.mentions());
                assertThat(
                        findPerson(ServedWorld.OFFICER, PersonSearchKeys.ofPlace(home.placeKey())))
                    .extracting(PersonSearch.Hit::personId)
                    .contains(plantedPersonId);
              });
    }
    // The whole address finds that place first.
    assertThat(findPlace(ServedWorld.OFFICER, shortened).get(0).addressId())
        .isEqualTo(plantedHomeId);
    ServedWorld.awaitRecorded(ServedWorld.OFFICER, "gold.place_view WHERE place_key >=", 4);
  }

  @Test
  void anAnalystFindsNoOneByAHomeAddress() throws Exception {
    // gold.place_view's address text and keys derive from the addresses persons gave (PII by
    // lineage), next to the persons living there: masked for analysts, so a home address finds
    // neither the place nor who lives there.
    assertThat(findPlace(ServedWorld.OFFICER, plantedHome))
        .anySatisfy(hit -> assertThat(hit.addressId()).isEqualTo(plantedHomeId));
    assertThat(findPlace(ServedWorld.ANALYST, plantedHome)).isEmpty();
    PlaceSearch.Hit home =
        findPlace(ServedWorld.OFFICER, plantedHome).stream()
            .filter(hit -> plantedHomeId.equals(hit.addressId()))
            .findFirst()
            .orElseThrow();
    assertThat(findPerson(ServedWorld.ANALYST, PersonSearchKeys.ofPlace(home.placeKey())))
        .isEmpty();
    assertThatThrownBy(() -> findPlace(ServedWorld.OFFICER, " , "))
        .hasMessageContaining("not an address");
  }

  private static List<PlaceSearch.Hit> findPlace(String user, String typed) throws SQLException {
    try (Connection connection = served.connect(user)) {
      return PlaceSearch.find(connection, PlaceLinkageSpec.load(served.world.pipelines), typed);
    }
  }

  private static List<PersonSearch.Hit> findPerson(String user, Map.Entry<String, String> key)
      throws SQLException {
    try (Connection connection = served.connect(user)) {
      return PersonSearch.find(connection, List.of(key));
    }
  }

  private static List<PersonSearch.Hit> findPerson(String user, Kind kind, String typed)
      throws SQLException {
    try (Connection connection = served.connect(user)) {
      return PersonSearch.find(
          connection, PersonSearchKeys.typed(served.world.pipelines, kind, typed).entrySet());
    }
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
