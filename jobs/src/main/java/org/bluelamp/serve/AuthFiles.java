package org.bluelamp.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.bluelamp.Errors;

/**
 * The files Trino's security reads, under {@code <run>/auth} (readable by this user only): the
 * access rules, the role groups, password hashes, the TLS key store and the secrets bluelamp keeps
 * (pseudonymisation key, service password). They survive restarts; {@code etc/} does not.
 */
final class AuthFiles {
  static final String RULES = "rules.json";
  static final String GROUPS = "groups.txt";
  static final String PASSWORDS = "password.db";
  static final String KEYSTORE = "keystore.p12";
  static final String CERTIFICATE = "trino.pem";

  private final Path dir;

  AuthFiles(Path runDir) {
    this.dir = runDir.resolve("auth");
  }

  Path path(String file) {
    return dir.resolve(file);
  }

  /** A random secret kept in {@code <name>.secret}, made on first use. */
  String secret(String name) {
    Path file = dir.resolve(name + ".secret");
    try {
      if (!Files.isRegularFile(file)) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        write(file.getFileName().toString(), HexFormat.of().formatHex(bytes));
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw Errors.io("read the secret " + file, e);
    }
  }

  /** Writes a file atomically (a reader never sees half of it) with owner-only permissions. */
  void write(String file, String content) {
    try {
      Files.createDirectories(dir);
      Path temporary =
          Files.createTempFile(
              dir,
              file,
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, content);
      Files.move(
          temporary,
          dir.resolve(file),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw Errors.io("write " + dir.resolve(file), e);
    }
  }

  /** Writes a file only when it does not exist yet. */
  void writeIfMissing(String file, String content) {
    if (!Files.exists(dir.resolve(file))) {
      write(file, content);
    }
  }

  /** The password file as user to hash. */
  Map<String, String> passwords() {
    Map<String, String> hashes = new TreeMap<>();
    Path file = dir.resolve(PASSWORDS);
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file)) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            hashes.put(line.substring(0, colon), line.substring(colon + 1));
          }
        }
      }
    } catch (IOException e) {
      throw Errors.io("read " + file, e);
    }
    return hashes;
  }

  void writePasswords(Map<String, String> hashes) {
    StringBuilder content = new StringBuilder();
    hashes.forEach((user, hash) -> content.append(user).append(':').append(hash).append('\n'));
    write(PASSWORDS, content.toString());
  }
}
