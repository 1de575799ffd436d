package org.bluelamp.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestPorts {
  @Test
  void aFreePortIsBelowTheKernelsEphemeralRangeBindableAndNotOneAlreadyTaken() throws IOException {
    int ephemeralLow =
        Integer.parseInt(
            Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .trim()
                .split("\\s+")[0]);
    Set<Integer> taken = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = Ports.free(taken);
      assertThat(port).isBetween(10_000, ephemeralLow - 1).isNotIn(taken);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
      taken.add(port);
    }
  }

  @Test
  void aPortInUseIsNotFree() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(Ports.isFree(socket.getLocalPort())).isFalse();
    }
  }
}
