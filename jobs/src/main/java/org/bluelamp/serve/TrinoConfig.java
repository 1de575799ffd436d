package org.bluelamp.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bluelamp.Errors;

/**
 * Writes a one-node Trino configuration for this machine into {@code <run>/etc}, from the templates
 * under {@code infra/embedded/trino/} (values in {@code ${...}} are filled in here).
 */
final class TrinoConfig {
  private TrinoConfig() {}

  static void write(Path runDir, int port, String lakeRoot) {
    Map<String, String> values = new TreeMap<>();
    values.put("port", Integer.toString(port));
    values.put("data_dir", runDir.resolve("data").toAbsolutePath().toString());
    values.put("metastore_dir", runDir.resolve("metastore").toAbsolutePath().toString());
    values.put("lake_root", lakeRoot);
    try {
      Files.createDirectories(runDir.resolve("etc/catalog"));
      Files.createDirectories(runDir.resolve("metastore"));
      for (String file :
          new String[] {
            "node.properties",
            "config.properties",
            "jvm.config",
            "log.properties",
            "catalog/" + TrinoServer.CATALOG + ".properties"
          }) {
        String template = template(file);
        for (Map.Entry<String, String> value : values.entrySet()) {
          template = template.replace("${" + value.getKey() + "}", value.getValue());
        }
        Files.writeString(runDir.resolve("etc").resolve(file), template);
      }
    } catch (IOException e) {
      throw Errors.io("write the Trino configuration under " + runDir, e);
    }
  }

  private static String template(String file) throws IOException {
    try (var in = TrinoConfig.class.getResourceAsStream("/trino/" + file)) {
      if (in == null) {
        throw new IOException("missing template /trino/" + file + " in the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
