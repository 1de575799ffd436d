package org.bluelamp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluelamp.Repository;
import org.bluelamp.contract.Pipelines;
import org.junit.jupiter.api.Test;

class TestNames {
  @Test
  void particlesCaseAccentsAndPunctuationAreWrittenOneWay() {
    assertThat(Names.normalise("Al-Khoury")).isEqualTo("khoury");
    assertThat(Names.normalise("El Khoury")).isEqualTo("khoury");
    assertThat(Names.normalise("KHOURY")).isEqualTo("khoury");
    assertThat(Names.normalise("Abi Jaoude")).isEqualTo("aboujaoude");
    assertThat(Names.normalise("Abou Jaoude")).isEqualTo("aboujaoude");
    assertThat(Names.normalise("Aboujaoude")).isEqualTo("aboujaoude");
    assertThat(Names.normalise("Nasr Allah")).isEqualTo(Names.normalise("Nasrallah"));
    assertThat(Names.normalise("Van den Bossche")).isEqualTo(Names.normalise("Vandenbossche"));
    assertThat(Names.normalise("O'Neill")).isEqualTo(Names.normalise("ONeill"));
    assertThat(Names.normalise("Hélène")).isEqualTo("helene");
    assertThat(Names.normalise("François")).isEqualTo("francois");
    assertThat(Names.normalise("  ")).isNull();
    assertThat(Names.normalise(null)).isNull();
  }

  @Test
  void nicknamesGiveTheFormalForename() {
    Names names = new Names(Map.of("bill", "william", "peggy", "margaret"));
    assertThat(names.canonical("bill")).isEqualTo("william");
    assertThat(names.canonical("peggy")).isEqualTo("margaret");
    assertThat(names.canonical("olivia")).isEqualTo("olivia");
  }

  /**
   * Every spelling of a forename the generator writes has that forename's formal form in the
   * shipped name-variant table: a typo of one spelling then meets the others as "similar" (against
   * the formal form) instead of differing from them, which the chaining guard takes as two people.
   */
  @Test
  void theVariantTableKnowsEverySpellingOfAForenameTheSampleWorldWrites() throws IOException {
    Names names = Profiles.names(Pipelines.load(Repository.pipelines()));
    List<String> unknown = new ArrayList<>();
    for (String force : List.of("england", "lebanon", "belgium")) {
      try (InputStream in = getClass().getResourceAsStream("/synth/names/" + force + ".csv")) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String[] cells = line.split(",", -1);
          if (!cells[0].equals("forename") || cells[2].isEmpty()) {
            continue;
          }
          String formal = names.canonical(Names.normalise(cells[1]));
          for (String variant : cells[2].split("\\|")) {
            if (!names.canonical(Names.normalise(variant)).equals(formal)) {
              unknown.add(force + ": " + variant + " (of " + cells[1] + ")");
            }
          }
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void latinSpellingsAndArabicScriptMeetAtTheirConsonants() {
    // Worked by hand: vowels, w and y dropped, doubled letters once, a final h after a vowel
    // dropped; Arabic long vowels and ta marbuta carry no consonant.
    assertThat(Names.skeleton("mohammad")).isEqualTo("mhmd");
    assertThat(Names.skeleton("muhammad")).isEqualTo("mhmd");
    assertThat(Names.arabicSkeleton("محمد")).isEqualTo("mhmd");
    assertThat(Names.skeleton("haddad")).isEqualTo("hd");
    assertThat(Names.skeleton("hadad")).isEqualTo("hd");
    assertThat(Names.arabicSkeleton("حداد")).isEqualTo("hd");
    assertThat(Names.skeleton("khoury")).isEqualTo("khr");
    assertThat(Names.arabicSkeleton("خوري")).isEqualTo("khr");
    assertThat(Names.skeleton("hamadeh")).isEqualTo("hmd");
    assertThat(Names.arabicSkeleton("حمادة")).isEqualTo("hmd");
    assertThat(Names.skeleton("hussein")).isEqualTo("hsn");
    assertThat(Names.arabicSkeleton("حسين")).isEqualTo("hsn");
    assertThat(Names.arabicSkeleton("Smith")).isNull();
  }

  @Test
  void arabicScriptIsComparedWithoutDiacriticsOrHamzaForms() {
    assertThat(Names.normaliseArabic("أبو جودة")).isEqualTo(Names.normaliseArabic("ابو جودة"));
    assertThat(Names.normaliseArabic("مُحَمَّد")).isEqualTo("محمد");
    assertThat(Names.normaliseArabic(" ")).isNull();
  }

  @Test
  void phoneticCodesMatchSpellingVariants() {
    assertThat(Names.phonetic("smyth")).isEqualTo(Names.phonetic("smith"));
    assertThat(Names.phonetic("husayn")).isEqualTo(Names.phonetic("hussein"));
    assertThat(Names.phonetic("katherine")).isEqualTo(Names.phonetic("catherine"));
    assertThat(Names.phonetic("smith")).isNotEqualTo(Names.phonetic("jones"));
  }
}
