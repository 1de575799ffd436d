package org.bluelamp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.bluelamp.Progress;
import org.bluelamp.Repository;
import org.bluelamp.ServedWorld;
import org.bluelamp.SharedSpark;
import org.bluelamp.gold.GoldModel;
import org.bluelamp.gold.GoldModels;
import org.junit.jupiter.api.Test;

/**
 * Every query through Trino, allowed or denied, lands in ops.query_audit with its user, SQL, tables
 * and outcome, and gold.usage_daily counts them per role; auditors read both through Trino. The
 * truth is the queries this test itself sends as the only user of the `public` role.
 */
class TrinoAuditIT {
  @Test
  void queriesAndDenialsAreAuditedAndCountedPerRole() throws Exception {
    ServedWorld served = ServedWorld.get();
    // The usage counts below are the public role's of the day: only this test's queries.
    served.forgetAudit();
    String marker = "it-" + UUID.randomUUID();
    try (Connection connection = served.connect(ServedWorld.PUBLIC);
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 2; i++) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM lake.gold.mayor_weekly /* " + marker + " */")) {
          // Read to the end: a client that closes a result early is recorded as USER_CANCELED.
          int read = 0;
          while (rows.next()) {
            read++;
          }
          assertThat(read).isEqualTo(1);
        }
      }
      assertThatThrownBy(
              () -> statement.executeQuery("SELECT * FROM lake.silver.crime /* " + marker + " */"))
          .hasMessageContaining("Access Denied");
    }
    ServedWorld.awaitRecorded(ServedWorld.PUBLIC, marker, 3);

    assertThat(AuditLog.copy(served.world.lake, ServedWorld.AUDIT, Progress.silent()).rowsWritten())
        .isGreaterThanOrEqualTo(3);
    assertThat(AuditLog.copy(served.world.lake, ServedWorld.AUDIT, Progress.silent()).rowsWritten())
        .as("a second copy adds nothing")
        .isZero();
    List<GoldModel> models = GoldModels.discover(Repository.sql());
    GoldModel usage = GoldModels.select(models, List.of("usage_daily")).get(0);
    assertThat(
            new GoldModels(
                    served.world.lake,
                    served.world.pipelines,
                    SharedSpark.PSEUDONYMS,
                    models,
                    Progress.silent())
                .build(usage)
                .reconciles())
        .isTrue();

    try (Connection auditor = served.connect(ServedWorld.AUDITOR);
        PreparedStatement audit =
            auditor.prepareStatement(
                "SELECT user_name, succeeded, denied, tables_read, rows_returned, error_code"
                    + " FROM lake.ops.query_audit WHERE strpos(sql_text, ?) > 0"
                    + " ORDER BY query_id")) {
      audit.setString(1, marker);
      try (ResultSet rows = audit.executeQuery()) {
        for (int i = 0; i < 2; i++) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo(ServedWorld.PUBLIC);
          assertThat(rows.getBoolean(2)).isTrue();
          assertThat(rows.getBoolean(3)).isFalse();
          assertThat(tables(rows.getArray(4))).containsExactly("lake.gold.mayor_weekly");
          assertThat(rows.getLong(5)).isEqualTo(1);
        }
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(ServedWorld.PUBLIC);
        assertThat(rows.getBoolean(2)).isFalse();
        assertThat(rows.getBoolean(3)).isTrue();
        assertThat(rows.getString(6)).isEqualTo("PERMISSION_DENIED");
        assertThat(rows.next()).isFalse();
      }
      try (Statement statement = auditor.createStatement();
          ResultSet usage2 =
              statement.executeQuery(
                  "SELECT users, queries, failed_queries, denied_queries, tables_read"
                      + " FROM lake.gold.usage_daily WHERE role = 'public'")) {
        assertThat(usage2.next()).isTrue();
        assertThat(
                List.of(
                    usage2.getLong(1),
                    usage2.getLong(2),
                    usage2.getLong(3),
                    usage2.getLong(4),
                    usage2.getLong(5)))
            .containsExactly(1L, 3L, 1L, 1L, 1L);
        assertThat(usage2.next()).as("one day").isFalse();
      }
    }
  }

  private static List<String> tables(Array array) throws SQLException {
    return array == null
        ? List.of()
        : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }
}
