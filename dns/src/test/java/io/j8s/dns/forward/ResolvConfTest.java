package io.j8s.dns.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ResolvConfTest {
  @Test
  void nameserverLinesInOrderLiteralAddressesOnlyPort53() {
    var servers = ResolvConf.parse("""
        # generated
        search example.test
        nameserver 192.0.2.53
        nameserver   127.0.0.53
        options ndots:2 edns0
        nameserver fe80::1%eth0
        nameserver dns.example.test
        nameserver 300.1.1.1
        nameserver
        ;nameserver 192.0.2.54
        """);
    assertThat(servers).extracting(InetSocketAddress::getPort).containsOnly(53);
    assertThat(servers).extracting(a -> a.getAddress().getHostAddress())
        .containsExactly("192.0.2.53", "127.0.0.53", "fe80:0:0:0:0:0:0:1");
  }
}
