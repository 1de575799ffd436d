package org.bluelamp.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestIdDocuments {
  @Test
  void aBelgianNationalRegisterNumberCarriesItsPublishedCheck() {
    // 930518223 mod 97 = 36: check 97 - 36 = 61 (the example of the register's own description).
    assertThat(IdDocuments.nationalRegister(LocalDate.of(1993, 5, 18), 223))
        .isEqualTo("93.05.18-223.61");
    // Born from 2000: the check is of 2000101001 (mod 97 = 92), so 97 - 92 = 5.
    assertThat(IdDocuments.nationalRegister(LocalDate.of(2000, 1, 1), 1))
        .isEqualTo("00.01.01-001.05");
  }

  @Test
  void aDrivingLicenceNumberIsWrittenFromTheNameAndTheDateOfBirth() {
    SplittableRandom random = new SplittableRandom(1);
    // HUSSA, decade 8, month 07, day 30, year 5, initial M and 9, then digit and two letters.
    assertThat(IdDocuments.drivingLicence("Mohammed", "Hussain", LocalDate.of(1985, 7, 30), random))
        .matches("HUSSA807305M9[0-9][A-Z]{2}");
    // A short surname is padded with 9; letters only (O'Neil is ONEIL).
    assertThat(IdDocuments.drivingLicence("Li", "Ng", LocalDate.of(2001, 12, 3), random))
        .matches("NG999012031L9[0-9][A-Z]{2}");
    assertThat(IdDocuments.drivingLicence("Sean", "O'Neil", LocalDate.of(1970, 1, 9), random))
        .startsWith("ONEIL701090S9");
  }
}
