package org.bluelamp.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.TableName;
import org.bluelamp.synth.Truth;
import org.bluelamp.synth.WorldGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gold.trend_monthly_5y on five years (2021-2025) of the English force's recorded crime (its RMS in
 * PostgreSQL, and its wards) recovers what the generator planted: each category's trend, from its
 * share moving by (1 + trend)^years, and the seasonal swing of demand.
 */
class TestTrendModel {
  private static final LocalDate START = LocalDate.of(2021, 1, 1);
  private static final int DAYS = 1826;
  private static Truth truth;
  private static Pipelines pipelines;
  private static final Map<String, Double> trendPct = new HashMap<>();
  private static final Map<Integer, Double> seasonalIndex = new HashMap<>();

  @BeforeAll
  static void fiveYears() throws IOException {
    PartialWorld world =
        PartialWorld.run(
            "bluelamp_world_trend",
            List.of("england/rms", "england/wards"),
            new WorldGenerator.Options(START, DAYS, 0.05, 11L),
            List.of("trend_monthly_5y"));
    pipelines = world.pipelines();
    truth = world.truths().get(0);
    Lake lake = world.lake();
    for (Row row :
        lake.read(TableName.of("gold.trend_monthly_5y"))
            .filter(col("area_type").equalTo("force"))
            .select("crime_category", "month", "trend_pct_per_year", "seasonal_index")
            .collectAsList()) {
      trendPct.put(row.getString(0), row.getDouble(2));
      if (row.getString(0).equals("all")) {
        seasonalIndex.put(row.getDate(1).toLocalDate().getMonthValue(), row.getDouble(3));
      }
    }
  }

  @Test
  void eachCategorysFittedTrendIsThePlantedOne() throws IOException {
    Map<String, Integer> offences = new HashMap<>();
    for (String line :
        Files.readAllLines(pipelines.codeListFile("england/offences")).stream().skip(1).toList()) {
      offences.merge(line.split(",")[2], 1, Integer::sum);
    }
    int checked = 0;
    for (Map.Entry<String, Integer> category : offences.entrySet()) {
      double expected = plantedTrendPct(category.getKey(), offences);
      assertThat(trendPct.get(category.getKey()))
          .as(category.getKey() + " (planted share trend " + expected + " %/year)")
          .isCloseTo(expected, offset(3.0));
      if (Math.abs(expected) > 4) {
        assertThat(Math.signum(trendPct.get(category.getKey())))
            .as(category.getKey() + " direction")
            .isEqualTo(Math.signum(expected));
        checked++;
      }
    }
    assertThat(checked).as("categories with a clear planted trend").isPositive();
    assertThat(trendPct.get("all")).as("all crime: no planted trend").isCloseTo(0.0, offset(2.0));
  }

  /**
   * The index is of monthly counts (ratio to moving average), so it carries the planted daily swing
   * times the month's length (February's 28.25 days against the mean 30.44), scaled to average 1.
   * Each month's index over five years varies by about 0.025 around that in these worlds (a day's
   * crimes are overdispersed: hot-spot days): each month within 0.08 (3 sd), all twelve within
   * 0.035 root mean square.
   */
  @Test
  void theSeasonalIndexIsThePlantedSwing() {
    Truth.Seasonality planted = truth.seasonality();
    assertThat(seasonalIndex).hasSize(12);
    double[] expected = new double[13];
    double mean = 0;
    for (int month = 1; month <= 12; month++) {
      double days = LocalDate.of(2023, month, 1).lengthOfMonth() + (month == 2 ? 0.25 : 0);
      expected[month] =
          (1 + planted.amplitude() * meanCosine(month, planted.peakDayOfYear())) * days;
      mean += expected[month] / 12;
    }
    double squares = 0;
    for (int month = 1; month <= 12; month++) {
      expected[month] /= mean;
      assertThat(seasonalIndex.get(month))
          .as("month " + month)
          .isCloseTo(expected[month], offset(0.08));
      squares += Math.pow(seasonalIndex.get(month) - expected[month], 2);
    }
    assertThat(Math.sqrt(squares / 12)).as("root mean square deviation").isLessThan(0.035);
  }

  /** The mean over a (2023) calendar month of cos(2 pi (day of year - peak) / 365.25). */
  private static double meanCosine(int month, int peak) {
    LocalDate first = LocalDate.of(2023, month, 1);
    double sum = 0;
    int days = first.lengthOfMonth();
    for (int d = 0; d < days; d++) {
      sum += Math.cos(2 * Math.PI * (first.plusDays(d).getDayOfYear() - peak) / 365.25);
    }
    return sum / days;
  }

  /**
   * The least-squares trend, in % of the mean per year, of the category's expected monthly share:
   * each offence of category c weighs (1 + trend_c)^years since the trend origin, normalised over
   * the offence list (so the total has no trend), evaluated mid-month over the 60 months.
   */
  private static double plantedTrendPct(String category, Map<String, Integer> offences) {
    LocalDate origin = LocalDate.parse(truth.seasonality().trendOrigin());
    int months = 60;
    double[] share = new double[months];
    for (int m = 0; m < months; m++) {
      double years = ChronoUnit.DAYS.between(origin, START.plusMonths(m).plusDays(14)) / 365.25;
      double total = 0;
      for (Map.Entry<String, Integer> c : offences.entrySet()) {
        total += c.getValue() * Math.pow(1 + truth.annualTrends().get(c.getKey()), years);
      }
      share[m] =
          offences.get(category) * Math.pow(1 + truth.annualTrends().get(category), years) / total;
    }
    double meanX = (months - 1) / 2.0;
    double meanY = java.util.Arrays.stream(share).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int m = 0; m < months; m++) {
      sxy += (m - meanX) * (share[m] - meanY);
      sxx += (m - meanX) * (m - meanX);
    }
    return 100 * 12 * (sxy / sxx) / meanY;
  }
}
