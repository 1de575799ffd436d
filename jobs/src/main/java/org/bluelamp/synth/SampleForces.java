package org.bluelamp.synth;

import static java.util.Map.entry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The three forces of the sample world and how they differ the way real ones do: an English force
 * (Home Office style codes, English labels, UK registrations), a Belgian local police zone (French
 * labels, Belgian plates) and a Lebanese national force (names in Latin transliteration and in
 * Arabic script, Lebanese plates).
 */
final class SampleForces {
  private SampleForces() {}

  static final ForceProfile ENGLAND =
      new ForceProfile(
          "england",
          2_000,
          0.35,
          new double[] {0.15, 0.35, 0.35, 0.15},
          new int[] {3, 10, 60, 0},
          new int[] {9, 25, 90, 0},
          People.Names.load("england", "07700 9"),
          IdDocuments.england(),
          new ForceProfile.Areas(
              4,
              3,
              "E0500%04d",
              List.of(
                  "Abbey",
                  "Brookfield",
                  "Castle",
                  "Dene",
                  "Eastgate",
                  "Fairfield",
                  "Greenhill",
                  "Harbour",
                  "Ironbridge",
                  "Jubilee",
                  "Kingsmead",
                  "Longford"),
              2,
              2,
              "NB%02d",
              8,
              6,
              "E0100%04d"),
          List.of(
              "High Street",
              "Station Road",
              "Church Lane",
              "Mill Road",
              "Victoria Road",
              "Queen Street",
              "Park Avenue",
              "London Road",
              "Green Lane",
              "King Street"),
          random ->
              String.format(
                  Locale.ROOT,
                  "%s%02d %s",
                  letters(random, 2),
                  10 + random.nextInt(65),
                  letters(random, 3)),
          Map.ofEntries(
              entry("stop", 150.0),
              entry("intelligence", 60.0),
              entry("anpr", 600.0),
              entry("collision", 20.0),
              entry("property", 40.0),
              entry("missing_person", 6.0),
              entry("safeguarding", 5.0),
              entry("asb", 40.0),
              entry("fraud", 5.0)),
          Map.ofEntries(
              entry("channel", List.of("999", "101", "online")),
              entry("rank", List.of("PC", "PC", "PC", "Sgt", "Insp")),
              entry("role", List.of("Victim", "Suspect", "Witness")),
              entry("duty_state", List.of("ON DUTY", "REFS")),
              entry("make", List.of("Ford", "Vauxhall", "Volkswagen", "Toyota", "BMW", "Nissan")),
              entry("colour", List.of("Black", "Silver", "White", "Blue", "Red", "Grey")),
              entry(
                  "intervention_kind", List.of("Speed control", "Clear hold build", "Patrol plan")),
              entry("beat_name", List.of("North", "East", "South", "West")),
              entry("road_class", List.of("A", "B", "C", "Unclassified")),
              entry("indicator", List.of("Burglary reduction", "ASB reduction", "Response time")),
              entry(
                  "outcome",
                  List.of(
                      "1 Charged",
                      "2 Youth caution",
                      "3 Adult caution",
                      "8 Community resolution",
                      "14 Evidential difficulties",
                      "18 Investigation complete")),
              entry("risk", List.of("Standard", "Medium", "High")),
              entry("arrest_reason", List.of("PACE 24(2)", "PACE 24(3)", "Warrant")),
              entry("disposal", List.of("Charged", "Released under investigation", "Bail", "NFA")),
              entry("stop_type", List.of("Stop and search", "Vehicle stop", "Person stop")),
              entry("vehicle_stop_type", List.of("Vehicle stop")),
              entry("grounds", List.of("s1 PACE", "s23 MDA", "s60 CJPOA")),
              entry(
                  "object",
                  List.of("Controlled drugs", "Offensive weapons", "Stolen goods", "None")),
              entry(
                  "stop_outcome",
                  List.of("No further action", "Arrest", "Community resolution", "Warning")),
              entry("severity", List.of("Fatal", "Serious", "Slight")),
              entry("property_status", List.of("Lost", "Stolen", "Found")),
              entry("item", List.of("Mobile phone", "Bicycle", "Wallet", "Laptop", "Keys")),
              entry(
                  "safeguarding",
                  List.of("Child sexual exploitation", "Child criminal exploitation")),
              entry("asb", List.of("Noise", "Nuisance neighbours", "Street drinking", "Vandalism")),
              entry("scheme", List.of("Universal Credit", "Housing Benefit", "PIP")),
              entry("referral_outcome", List.of("Open", "Closed - no fraud", "Passed to DWP"))),
          Map.ofEntries(
              entry("wards", "ward"),
              entry("lsoa", "small_area"),
              entry("beats", "beat"),
              entry("streets", "street"),
              entry("gazetteer", "address"),
              entry("population", "population"),
              entry("interventions", "intervention"),
              entry("roster", "officer"),
              entry("vehicles", "vehicle"),
              entry("cad", "incident"),
              entry("calls", "call"),
              entry("rms", "crime"),
              entry("outcomes", "outcome"),
              entry("nominals", "person"),
              entry("arrests", "arrest"),
              entry("custody", "custody"),
              entry("stop_search", "stop"),
              entry("intelligence", "intelligence"),
              entry("anpr", "anpr"),
              entry("collisions", "collision"),
              entry("duty", "duty"),
              entry("gps", "gps"),
              entry("property", "property"),
              entry("missing_persons", "missing_person"),
              entry("dash", "dash"),
              entry("safeguarding", "safeguarding"),
              entry("asb", "asb"),
              entry("fraud", "fraud")));

  static final ForceProfile BELGIUM =
      new ForceProfile(
          "belgium",
          300,
          0.4,
          new double[] {0.2, 0.5, 0.3},
          new int[] {4, 20, 0},
          new int[] {10, 40, 0},
          People.Names.load("belgium", "0470 "),
          IdDocuments.belgium(),
          new ForceProfile.Areas(
              3,
              2,
              "BXL-Q%02d",
              List.of(
                  "Altitude Cent",
                  "Bervoets",
                  "Forest Centre",
                  "Saint-Antoine",
                  "Wiels",
                  "Van Volxem"),
              2,
              2,
              "SECT%02d",
              6,
              4,
              "21004A%03d"),
          List.of(
              "Chaussée d'Alsemberg",
              "Avenue Van Volxem",
              "Rue de Mérode",
              "Boulevard de la Deuxième Armée",
              "Avenue du Roi",
              "Rue du Dries",
              "Place Saint-Denis"),
          random ->
              String.format(
                  Locale.ROOT,
                  "%d-%s-%03d",
                  1 + random.nextInt(2),
                  letters(random, 3),
                  random.nextInt(1000)),
          Map.ofEntries(
              entry("stop", 25.0),
              entry("collision", 6.0),
              entry("speed_ticket", 120.0),
              entry("penalty_notice", 40.0),
              entry("waste", 8.0)),
          Map.ofEntries(
              entry("channel", List.of("101", "112", "guichet")),
              entry(
                  "rank",
                  List.of("Inspecteur", "Inspecteur", "Inspecteur principal", "Commissaire")),
              entry("make", List.of("Peugeot", "Renault", "Volkswagen", "Citroën", "Toyota")),
              entry("colour", List.of("Noir", "Gris", "Blanc", "Bleu", "Rouge")),
              entry(
                  "intervention_kind",
                  List.of("Contrôle de vitesse", "Action coordonnée", "Patrouille ciblée")),
              entry(
                  "beat_name",
                  List.of("Secteur Nord", "Secteur Est", "Secteur Sud", "Secteur Ouest")),
              entry("road_class", List.of("Régionale", "Communale")),
              entry(
                  "indicator",
                  List.of("Cambriolages", "Accidents avec blessés", "Dépôts clandestins")),
              entry("stop_type", List.of("Contrôle de véhicule", "Contrôle d'identité")),
              entry("vehicle_stop_type", List.of("Contrôle de véhicule")),
              entry("grounds", List.of("Art. 34 LFP", "Code de la route", "Réquisition")),
              entry("object", List.of("Aucun", "Stupéfiants", "Armes")),
              entry(
                  "stop_outcome",
                  List.of(
                      "Sans suite",
                      "Procès-verbal",
                      "Arrestation administrative",
                      "Avertissement")),
              entry("severity", List.of("Mortel", "Blessé grave", "Blessé léger")),
              entry(
                  "penalty_offence",
                  List.of("Stationnement", "Excès de vitesse", "Feu rouge", "GSM au volant")),
              entry(
                  "issuing_service",
                  List.of("Police locale", "Agent constatateur communal", "Police fédérale")),
              entry("waste", List.of("Encombrants", "Sacs", "Déchets de construction", "Pneus")),
              entry("role", List.of("Victime", "Auteur", "Témoin")),
              entry(
                  "outcome", List.of("Classement sans suite", "Transaction", "Renvoi au tribunal")),
              entry("risk", List.of("Faible", "Moyen", "Élevé")),
              entry(
                  "arrest_reason", List.of("Arrestation judiciaire", "Arrestation administrative")),
              entry("disposal", List.of("Libéré", "Mandat d'arrêt"))),
          Map.ofEntries(
              entry("quartiers", "ward"),
              entry("secteurs", "beat"),
              entry("secteurs_statistiques", "small_area"),
              entry("population", "population"),
              entry("plan_zonal", "target"),
              entry("actions", "intervention"),
              entry("radars", "speed_site"),
              entry("appels", "incident"),
              entry("pv", "crime"),
              entry("controles", "stop"),
              entry("accidents", "collision"),
              entry("constats_vitesse", "speed_ticket"),
              entry("amendes", "penalty_notice"),
              entry("depots_clandestins", "waste")));

  static final ForceProfile LEBANON =
      new ForceProfile(
          "lebanon",
          1_500,
          0.3,
          new double[] {0.3, 0.5, 0.2},
          new int[] {5, 30, 0},
          new int[] {15, 60, 0},
          People.Names.load("lebanon", "03 "),
          IdDocuments.lebanon(),
          new ForceProfile.Areas(
              3,
              3,
              "LB-C%02d",
              List.of(
                  "Beyrouth",
                  "Metn",
                  "Baabda",
                  "Aley",
                  "Chouf",
                  "Kesrouan",
                  "Jbeil",
                  "Saida",
                  "Zahle"),
              2,
              2,
              "LB-S%02d",
              6,
              6,
              "LB-Q%03d"),
          List.of(
              "Hamra Street",
              "Bliss Street",
              "Corniche el Mazraa",
              "Damascus Road",
              "Airport Road"),
          random ->
              String.format(Locale.ROOT, "%s %06d", letters(random, 1), random.nextInt(1_000_000)),
          Map.ofEntries(entry("stop", 80.0)),
          Map.ofEntries(
              entry("channel", List.of("112", "1788", "walk-in")),
              entry("role", List.of("victim", "suspect", "witness")),
              entry("stop_type", List.of("Checkpoint identity check", "Vehicle check")),
              entry("vehicle_stop_type", List.of("Vehicle check")),
              entry("grounds", List.of("Checkpoint", "Suspicion")),
              entry("object", List.of("None", "Weapons", "Drugs")),
              entry("stop_outcome", List.of("Released", "Detained", "Referred")),
              entry("make", List.of("Toyota", "Kia", "Hyundai", "Mercedes")),
              entry("colour", List.of("White", "Black", "Silver")),
              entry("rank", List.of("Adjudant", "Sergent", "Lieutenant")),
              entry(
                  "intervention_kind", List.of("Speed control", "Checkpoint plan", "Patrol plan")),
              entry("beat_name", List.of("North", "Mount Lebanon", "South", "Bekaa")),
              entry("road_class", List.of("Highway", "Urban")),
              entry("indicator", List.of("Thefts", "Road deaths")),
              entry("outcome", List.of("Referred to prosecutor", "Closed", "Under investigation")),
              entry("risk", List.of("Low", "Medium", "High")),
              entry("arrest_reason", List.of("Judicial warrant", "Flagrante delicto")),
              entry("disposal", List.of("Released", "Referred to prosecutor"))),
          Map.ofEntries(
              entry("cazas", "ward"),
              entry("sectors", "beat"),
              entry("cadastres", "small_area"),
              entry("population", "population"),
              entry("cad", "incident"),
              entry("crimes", "crime"),
              entry("persons", "person"),
              entry("checkpoints", "stop")));

  static final List<ForceProfile> ALL = List.of(ENGLAND, BELGIUM, LEBANON);

  private static String letters(SplittableRandom random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append((char) ('A' + random.nextInt(26)));
    }
    return text.toString();
  }
}
