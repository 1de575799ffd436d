package org.bluelamp.trino;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bluelamp.Errors;

/**
 * The files Trino's security reads, under {@code <run>/auth} (readable by this user only): the
 * access rules, the role groups, password hashes, the TLS key store and the secrets bluelamp keeps
 * (pseudonymisation key, service password). They survive restarts; {@code etc/} does not.
 */
public final class AuthFiles {
  public static final String RULES = "rules.json";
  public static final String GROUPS = "groups.txt";
  public static final String PASSWORDS = "password.db";
  public static final String KEYSTORE = "keystore.p12";
  public static final String CERTIFICATE = "trino.pem";

  private static final int PBKDF2_ITERATIONS = 65_536;

  private final Path dir;

  public AuthFiles(Path runDir) {
    this.dir = runDir.resolve("auth");
  }

  public Path path(String file) {
    return dir.resolve(file);
  }

  /** A random secret kept in {@code <name>.secret}, made on first use. */
  public String secret(String name) {
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
  public void write(String file, String content) {
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
  public void writeIfMissing(String file, String content) {
    if (!Files.exists(dir.resolve(file))) {
      write(file, content);
    }
  }

  /** The password file as user to hash. */
  public Map<String, String> passwords() {
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

  public void writePasswords(Map<String, String> hashes) {
    StringBuilder content = new StringBuilder();
    hashes.forEach((user, hash) -> content.append(user).append(':').append(hash).append('\n'));
    write(PASSWORDS, content.toString());
  }

  /**
   * A password file line value in the PBKDF2 form Trino's file authenticator reads: {@code
   * iterations:salt:hash} in lower-case hex (HMAC-SHA1, as Trino 476 verifies it).
   */
  public static String hash(char[] password) {
    if (password.length < 8) {
      throw Errors.usage("the password is shorter than 8 characters", "choose a longer one");
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    try {
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
              .generateSecret(new PBEKeySpec(password, salt, PBKDF2_ITERATIONS, 256))
              .getEncoded();
      HexFormat hex = HexFormat.of();
      return PBKDF2_ITERATIONS + ":" + hex.formatHex(salt) + ":" + hex.formatHex(hash);
    } catch (GeneralSecurityException e) {
      throw Errors.io("hash a password", e);
    }
  }

  /**
   * The rules before any table is served: bluelamp's service account may do anything (register
   * tables, run procedures); nobody else may do anything.
   */
  public static ObjectNode serviceOnlyRules() {
    String service = TrinoServer.SERVICE_USER;
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.putArray("catalogs")
        .addObject()
        .put("user", service)
        .put("catalog", ".*")
        .put("allow", "all");
    root.putArray("schemas")
        .addObject()
        .put("user", service)
        .put("schema", ".*")
        .put("owner", true);
    ObjectNode all = root.putArray("tables").addObject().put("user", service);
    all.putArray("privileges").add("SELECT").add("INSERT").add("DELETE").add("OWNERSHIP");
    ObjectNode register =
        root.putArray("procedures")
            .addObject()
            .put("user", service)
            .put("catalog", TrinoServer.CATALOG)
            .put("schema", "system")
            .put("procedure", ".*");
    register.putArray("privileges").add("EXECUTE");
    // Queries: the service account sees and kills all; anyone else runs queries and sees only
    // their own (Trino always lets a user see theirs). The access rules add roles allowed more.
    root.putArray("queries")
        .addObject()
        .put("user", service)
        .putArray("allow")
        .add("execute")
        .add("view")
        .add("kill");
    return root;
  }
}
