package org.bluelamp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bluelamp.catalogue.DataDictionary;
import org.bluelamp.catalogue.ModelCatalogue;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.gold.GoldModels;
import org.bluelamp.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(
    name = "docs",
    mixinStandardHelpOptions = true,
    description = {
      "Write the silver data dictionary (docs/data-dictionary.md) from pipelines/entities/",
      "and the gold model catalogue (docs/gold-models.md) from sql/gold/."
    })
final class Docs implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    Workspace workspace = Workspace.fromEnvironment();
    Path docs = workspace.repository().resolve("docs");
    write(
        docs.resolve("data-dictionary.md"),
        DataDictionary.render(Pipelines.load(workspace.pipelines())));
    write(
        docs.resolve("gold-models.md"),
        ModelCatalogue.render(GoldModels.discover(workspace.sql())));
    return 0;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Orchestration.OUT.println("wrote " + file);
  }
}
