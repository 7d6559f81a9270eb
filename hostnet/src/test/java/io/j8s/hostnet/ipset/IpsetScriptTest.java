package io.j8s.hostnet.ipset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpsetScriptTest {
  static final IpSet CLUSTER = IpSet.of("J8SIV-CLUSTER-IP", "hash:ip,port", List.of("10.88.210.1,tcp:80", "10.88.210.2,udp:53"));
  static final IpSet PORTS = IpSet.of("J8SIV-NODE-PORT-TCP", "bitmap:port", List.of("30080"));

  @Test void createsMissingSetsWithTheirEntries() {
    assertThat(IpsetScript.diff(Map.of(), List.of(CLUSTER, PORTS))).isEqualTo("""
        create J8SIV-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536
        add J8SIV-CLUSTER-IP 10.88.210.1,tcp:80
        add J8SIV-CLUSTER-IP 10.88.210.2,udp:53
        create J8SIV-NODE-PORT-TCP bitmap:port range 0-65535
        add J8SIV-NODE-PORT-TCP 30080
        """);
  }

  @Test void addsAndDeletesOnlyTheDifference() {
    IpSet now = IpSet.of("J8SIV-CLUSTER-IP", "hash:ip,port", List.of("10.88.210.2,udp:53", "10.88.210.3,sctp:9"));
    assertThat(IpsetScript.diff(Map.of(CLUSTER.name(), now, "OTHER", PORTS), List.of(CLUSTER))).isEqualTo("""
        add J8SIV-CLUSTER-IP 10.88.210.1,tcp:80
        del J8SIV-CLUSTER-IP 10.88.210.3,sctp:9
        """);
    assertThat(IpsetScript.diff(Map.of(CLUSTER.name(), CLUSTER), List.of(CLUSTER))).isEmpty();
  }

  @Test void recreatesASetOfAnotherType() {
    IpSet wrong = IpSet.of("J8SIV-NODE-PORT-TCP", "hash:ip,port", List.of("10.88.210.2,tcp:30080"));
    assertThat(IpsetScript.diff(Map.of(wrong.name(), wrong), List.of(PORTS))).isEqualTo("""
        flush J8SIV-NODE-PORT-TCP
        destroy J8SIV-NODE-PORT-TCP
        create J8SIV-NODE-PORT-TCP bitmap:port range 0-65535
        add J8SIV-NODE-PORT-TCP 30080
        """);
  }

  @Test void readsIpsetSaveDroppingKernelPickedOptions() throws Exception {
    String saved = """
        create J8SIV-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0xb7547aa4
        add J8SIV-CLUSTER-IP 10.88.210.2,udp:53
        add J8SIV-CLUSTER-IP 10.88.210.1,tcp:80
        create J8SIV-NODE-PORT-TCP bitmap:port range 0-65535
        add J8SIV-NODE-PORT-TCP 30080
        """;
    assertThat(IpsetSave.parse(saved)).isEqualTo(Map.of(CLUSTER.name(), CLUSTER, PORTS.name(), PORTS));
    assertThat(IpsetSave.parse(IpsetSave.format(List.of(CLUSTER, PORTS)))).isEqualTo(Map.of(CLUSTER.name(), CLUSTER, PORTS.name(), PORTS));
  }
}
