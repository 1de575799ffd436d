package org.bluelamp.security;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bluelamp.Errors;
import org.bluelamp.contract.Clearance;
import org.bluelamp.contract.Pipelines;
import org.bluelamp.lake.Lake;
import org.bluelamp.lake.Tables;
import org.bluelamp.trino.AuthFiles;
import org.bluelamp.trino.TrinoServer;

/**
 * The people who query the lake: each user has one role and, for force-scoped roles, forces and
 * optionally wards and a clearance. Kept in {@code ops.user_scope} (one row per user, force and
 * ward), which Trino's row filters read; the Trino group and password files are derived from it.
 * Every value is checked against a strict pattern before it is stored: names end up in files Trino
 * parses ({@code role:user,user}) and in SQL literals.
 */
public final class Users {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,62}");
  private static final Pattern WARD = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  static final StructType SCHEMA =
      new StructType()
          .add("user_name", DataTypes.StringType, false)
          .add("role", DataTypes.StringType, false)
          .add("force_id", DataTypes.StringType, true)
          .add("ward_id", DataTypes.StringType, true)
          .add("clearance", DataTypes.IntegerType, false)
          .add("updated_at", DataTypes.TimestampType, false);

  private Users() {}

  /** A user as `bluelamp user add` takes it. */
  public record User(
      String name, String role, List<String> forces, List<String> wards, int clearance) {
    public User {
      requireNonNull(name, "name");
      requireNonNull(role, "role");
      forces = List.copyOf(forces);
      wards = List.copyOf(wards);
    }
  }

  /**
   * Checks a user against the policy and the declared forces; refuses anything that is not a plain
   * name, a known role or force, a ward code, or a clearance in range.
   */
  public static void validate(User user, AccessPolicy policy, Pipelines pipelines) {
    requireName(user.name(), "user name");
    if (user.name().equals(TrinoServer.SERVICE_USER)) {
      throw Errors.usage(
          "'"
              + user.name()
              + "' is bluelamp's own service account (it registers tables and evaluates"
              + " row filters), not a person's",
          "choose another name");
    }
    AccessPolicy.Role role = policy.role(user.role());
    for (String force : user.forces()) {
      if (!pipelines.forces().containsKey(force)) {
        throw Errors.usage(
            "'" + force + "' is not a declared force",
            "use one of " + new java.util.TreeSet<>(pipelines.forces().keySet()));
      }
    }
    if (role.scope() == AccessPolicy.Scope.FORCE && user.forces().isEmpty()) {
      throw Errors.usage(
          "role " + role.name() + " reads only its users' forces, and none was given",
          "add --force <force> (one or more)");
    }
    for (String ward : user.wards()) {
      if (!WARD.matcher(ward).matches()) {
        throw Errors.usage(
            "'" + ward + "' is not a ward code",
            "use the code as in silver.area (letters, digits)");
      }
    }
    if (user.clearance() < 0 || user.clearance() > Clearance.HIGHEST) {
      throw Errors.usage(
          "clearance " + user.clearance() + " is out of range", "use 0 to " + Clearance.HIGHEST);
    }
  }

  /** Fails unless {@code name} is a plain lower-case name (letters, digits, '.', '_', '-'). */
  public static String requireName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Errors.usage(
          "'" + name + "' is not a valid " + what,
          "use lower-case letters, digits, '.', '_' or '-', starting with a letter (at most 63)");
    }
    return name;
  }

  /** Adds the user, or replaces their role and scope. */
  public static void put(Lake lake, User user) {
    List<Row> rows = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    List<String> forces = user.forces().isEmpty() ? nullList() : user.forces();
    List<String> wards = user.wards().isEmpty() ? nullList() : user.wards();
    for (String force : forces) {
      for (String ward : wards) {
        rows.add(RowFactory.create(user.name(), user.role(), force, ward, user.clearance(), now));
      }
    }
    replace(lake, user.name(), lake.spark().createDataFrame(rows, SCHEMA));
  }

  /** Removes the user; returns whether they existed. */
  public static boolean remove(Lake lake, String name) {
    requireName(name, "user name");
    boolean existed =
        lake.exists(Tables.USER_SCOPE)
            && lake.read(Tables.USER_SCOPE).filter("user_name = '" + name + "'").count() > 0;
    replace(lake, name, lake.spark().createDataFrame(List.of(), SCHEMA));
    return existed;
  }

  /** Creates an empty {@code ops.user_scope} when there is none, so models reading it build. */
  public static void ensureTable(Lake lake) {
    lake.createIfMissing(Tables.USER_SCOPE, SCHEMA);
  }

  /** Sets (or with {@code null}, removes) the user's password for a secure server. */
  public static void setPassword(Path trinoRun, String name, char[] password) {
    AuthFiles auth = new AuthFiles(trinoRun);
    java.util.Map<String, String> passwords = auth.passwords();
    if (password == null) {
      passwords.remove(requireName(name, "user name"));
    } else {
      passwords.put(requireName(name, "user name"), AuthFiles.hash(password));
    }
    auth.writePasswords(passwords);
  }

  /** Every user row, by user. */
  public static Dataset<Row> all(Lake lake) {
    return lake.exists(Tables.USER_SCOPE)
        ? lake.read(Tables.USER_SCOPE).orderBy("user_name", "force_id", "ward_id")
        : lake.spark().createDataFrame(List.of(), SCHEMA);
  }

  private static void replace(Lake lake, String name, Dataset<Row> rows) {
    lake.replaceWhere(Tables.USER_SCOPE, rows, "user_name = '" + requireName(name, "user") + "'");
  }

  private static List<String> nullList() {
    List<String> one = new ArrayList<>();
    one.add(null);
    return one;
  }
}
