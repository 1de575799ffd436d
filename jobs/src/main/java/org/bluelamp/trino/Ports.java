package org.bluelamp.trino;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.bluelamp.Errors;

/**
 * Free loopback ports for the servers bluelamp starts (Trino, the object store, the metastore).
 *
 * <p>A port the kernel hands out for {@code bind(0)} comes from its ephemeral range, the same range
 * outgoing connections take their local port from. Between choosing such a port and the server
 * binding it (Trino needs ~10 s) a client connection may take it, and the server fails with
 * "Address already in use" (seen in CI, 2026-11-29). Ports are therefore drawn at random from below
 * the ephemeral range, where no connection takes one by itself.
 */
public final class Ports {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final int LINUX_EPHEMERAL_LOW = 32_768;
  private static final int ATTEMPTS = 200;

  private Ports() {}

  /** A port on loopback that is free now, outside the ephemeral range and not in {@code taken}. */
  public static int free(Set<Integer> taken) {
    int highest = ephemeralLow() - 1;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
      if (!taken.contains(port) && isFree(port)) {
        return port;
      }
    }
    throw Errors.io(
        "find a free port on 127.0.0.1 between " + LOWEST + " and " + highest,
        new IOException(ATTEMPTS + " random ports tried, all in use"));
  }

  /** Whether {@code port} can be bound on loopback now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeralLow() {
    try {
      // readAllLines, not readString: on JDK 17 readString of this /proc file returns "3".
      String range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > LOWEST + ATTEMPTS ? low : LINUX_EPHEMERAL_LOW;
    } catch (IOException | RuntimeException e) {
      return LINUX_EPHEMERAL_LOW;
    }
  }
}
