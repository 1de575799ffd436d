package org.bluelamp;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package import rules of docs/architecture.md, read from its table and checked over the
 * compiled production classes (ArchUnit reads the byte code, so a fully qualified name counts as
 * much as an import).
 */
class TestArchitecture {
  private static final String ROOT = "org.bluelamp";
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\|[^|]*\\|([^|]*)\\|$");
  private static final Pattern NAME = Pattern.compile("`(\\w+)`");
  private static final String EVERY_PACKAGE = "every package";

  /** What each package may import, from the table; a package allowed everything maps to null. */
  private static Map<String, Set<String>> allowed;

  private static JavaClasses classes;

  @BeforeAll
  static void read() throws IOException {
    allowed = new TreeMap<>();
    for (String line : Files.readAllLines(Repository.root().resolve("docs/architecture.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        String imports = row.group(2).strip();
        allowed.put(
            row.group(1),
            imports.equals(EVERY_PACKAGE)
                ? null
                : NAME.matcher(imports).results().map(m -> m.group(1)).collect(Collectors.toSet()));
      }
    }
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  /** The top-level package under org.bluelamp a class is in; empty for the root package. */
  private static Optional<String> packageOf(JavaClass type) {
    String name = type.getPackageName();
    if (name.equals(ROOT) || !name.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    return Optional.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
  }

  @Test
  void theTableHasARowForEveryPackageAndNoOther() {
    Set<String> packages = new TreeSet<>();
    classes.forEach(type -> packageOf(type).ifPresent(packages::add));
    assertThat(allowed.keySet()).as("rows of docs/architecture.md").isEqualTo(packages);
    allowed.values().stream()
        .filter(imports -> imports != null)
        .forEach(imports -> assertThat(packages).containsAll(imports));
  }

  @Test
  void everyPackageImportsOnlyWhatItsRowAllows() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass type : classes) {
      Optional<String> from = packageOf(type);
      if (from.isEmpty()) {
        // The root package (errors, progress, file trees) is shared by all and imports none.
        for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
          packageOf(dependency.getTargetClass())
              .ifPresent(
                  to -> violations.add(type.getName() + " -> " + to + " (root imports none)"));
        }
        continue;
      }
      Set<String> may = allowed.get(from.get());
      if (may == null) {
        continue;
      }
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        packageOf(dependency.getTargetClass())
            .filter(to -> !to.equals(from.get()) && !may.contains(to))
            .ifPresent(
                to ->
                    violations.add(
                        type.getName()
                            + " -> "
                            + dependency.getTargetClass().getName()
                            + " ('"
                            + from.get()
                            + "' may import "
                            + may
                            + ")"));
      }
    }
    assertThat(violations).as("imports docs/architecture.md does not allow").isEmpty();
  }

  @Test
  void onlyTheGeneratorsCommandsKnowTheSampleWorld() {
    List<String> allowedUsers =
        Arrays.asList("cli.Generate", "cli.Demo", "cli.WorldOptions").stream()
            .map(name -> ROOT + "." + name)
            .toList();
    Set<String> users = new TreeSet<>();
    for (JavaClass type : classes) {
      if (packageOf(type).filter("synth"::equals).isPresent()) {
        continue;
      }
      boolean usesSynth =
          type.getDirectDependenciesFromSelf().stream()
              .anyMatch(d -> packageOf(d.getTargetClass()).filter("synth"::equals).isPresent());
      if (usesSynth) {
        users.add(type.getName().replaceAll("\\$.*", ""));
      }
    }
    assertThat(allowedUsers).containsAll(users);
  }
}
