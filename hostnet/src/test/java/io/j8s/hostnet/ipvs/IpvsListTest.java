package io.j8s.hostnet.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the connection counts of {@code ipvsadm -L -n} (a fixture in the tool's layout). */
class IpvsListTest {
  static final String FIXTURE = """
      IP Virtual Server version 1.2.1 (size=4096)
      Prot LocalAddress:Port Scheduler Flags
        -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
      TCP  10.43.0.1:443 rr
        -> 10.88.210.2:6443             Masq    1      2          5
        -> 10.88.210.3:6443             Masq    0      0          0
      UDP  10.43.0.10:53 rr persistent 10800
        -> 10.42.0.4:53                 Masq    1      0          7
      SCTP 10.43.0.20:3868 sh
      FWM  42 wlc
        -> 10.42.1.9:0                  Masq    1      1          1
      TCP  [fd00::1]:80 rr
        -> [fd00::2]:80                 Masq    1      1          0
      """;

  @Test void countsActivePlusInactivePerDestination() {
    assertThat(IpvsList.connections(FIXTURE)).isEqualTo(Map.of("TCP 10.43.0.1:443/10.88.210.2:6443", 7,
        "TCP 10.43.0.1:443/10.88.210.3:6443", 0, "UDP 10.43.0.10:53/10.42.0.4:53", 7));
    assertThat(IpvsList.connections("")).isEmpty();
  }

  @Test void theFakeCountsItsDestinations() throws Exception {
    RecordingIpvs fake = new RecordingIpvs();
    VirtualServer vs = new VirtualServer(VirtualServer.Protocol.TCP, "10.88.210.10", 80, "rr", 0);
    fake.apply(java.util.List.of(new IpvsOp.AddService(vs), new IpvsOp.AddServer(vs, new RealServer("10.88.211.2", 8080, 1))));
    fake.setConnections("TCP 10.88.210.10:80/10.88.211.2:8080", 4);
    fake.setConnections("TCP 10.88.210.10:80/10.88.211.9:8080", 4);
    assertThat(fake.connections()).isEqualTo(Map.of("TCP 10.88.210.10:80/10.88.211.2:8080", 4));
  }
}
