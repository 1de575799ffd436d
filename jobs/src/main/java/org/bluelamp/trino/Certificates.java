package org.bluelamp.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.Errors;
import org.bluelamp.Progress;

/**
 * The self-signed TLS certificate of a secure embedded server (for localhost and 127.0.0.1), made
 * once with the JDK's keytool: a PKCS#12 key store for Trino and the certificate as PEM for clients
 * to trust. A real deployment puts its own certificate in the key store's place.
 */
final class Certificates {
  private Certificates() {}

  static void ensure(AuthFiles auth, Path jdk, Progress progress) {
    Path keystore = auth.path(AuthFiles.KEYSTORE);
    Path pem = auth.path(AuthFiles.CERTIFICATE);
    if (Files.isRegularFile(keystore) && Files.isRegularFile(pem)) {
      return;
    }
    progress.log("serve", "making a self-signed TLS certificate for localhost in " + keystore);
    String password = auth.secret("keystore-password");
    try {
      Files.deleteIfExists(keystore);
    } catch (IOException e) {
      throw Errors.io("replace " + keystore, e);
    }
    keytool(
        jdk,
        "-genkeypair",
        "-alias",
        "trino",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "825",
        "-dname",
        "CN=localhost,O=Bluelamp embedded",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        jdk,
        "-exportcert",
        "-rfc",
        "-alias",
        "trino",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
  }

  private static void keytool(Path jdk, String... arguments) {
    List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/keytool").toString()));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw Errors.usage(
            "keytool " + arguments[0] + " failed: " + output.strip(),
            "check that " + jdk + " is a full JDK (it needs bin/keytool)");
      }
    } catch (IOException e) {
      throw Errors.io("run keytool from " + jdk, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.io("wait for keytool", e);
    }
  }
}
