package org.bluelamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's surface: every subcommand exists and explains itself. */
class TestMain {
  private static String help(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = new CommandLine(new Main());
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(out));
    assertThat(line.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void theTopLevelHelpListsEverySubcommand() {
    assertThat(help("--help")).contains("generate", "run", "serve", "demo", "test");
  }

  @Test
  void eachSubcommandHasHelp() {
    assertThat(help("generate", "--help")).contains("--days", "--scale", "--seed", "truth");
    assertThat(help("run", "--help"))
        .contains("--source", "--from", "--to", "--layer", "ops.job_runs");
    assertThat(help("serve", "--help")).contains("--port", "--stop", "Java 24+");
    assertThat(help("demo", "--help")).contains("Trino");
    assertThat(help("test", "--help")).contains("CI");
  }

  @Test
  void aBadOptionValueIsRefusedWithAUsageMessage() {
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new Main());
    line.setErr(new PrintWriter(err));
    assertThat(line.execute("run", "--from", "yesterday")).isNotZero();
    assertThat(err.toString()).contains("--from").contains("yesterday");
  }
}
