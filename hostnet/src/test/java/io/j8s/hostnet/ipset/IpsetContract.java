package io.j8s.hostnet.ipset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.hostnet.HostnetException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ipset} does, against the fake ({@link RecordingIpsetTest}) and the real ipset
 * in a private namespace ({@link IpsetCommandTest}). Set names start J8SIV, addresses in 10.88.210.0/24.
 */
abstract class IpsetContract {
  abstract Ipset ipset();

  Map<String, IpSet> ours() throws HostnetException {
    Map<String, IpSet> m = new TreeMap<>(ipset().list());
    m.keySet().removeIf(n -> !n.startsWith("J8SIV"));
    return m;
  }

  @AfterEach void destroy() throws HostnetException {
    ipset().restore(IpsetScript.destroy(ours(), ours().keySet()));
  }

  @Test void scriptsReachTheDesiredSets() throws Exception {
    Ipset k = ipset();
    List<IpSet> want = List.of(IpSet.of("J8SIV-A", "hash:ip,port", List.of("10.88.210.1,tcp:80", "10.88.210.1,udp:53",
        "10.88.210.2,sctp:9")), IpSet.of("J8SIV-B", "bitmap:port", List.of("30080", "30081")),
        IpSet.of("J8SIV-C", "hash:ip,port,ip", List.of("10.88.210.5,tcp:8080,10.88.210.5")),
        IpSet.of("J8SIV-D", "hash:ip,port,net", List.of("10.88.210.1,tcp:80,10.88.0.0/16", "10.88.210.1,tcp:80,10.88.210.9")),
        IpSet.of("J8SIV-E", "hash:ip", List.of("10.88.210.1")));
    k.restore(IpsetScript.diff(ours(), want));
    assertThat(ours().values()).containsExactlyElementsOf(want);
    List<IpSet> next = List.of(IpSet.of("J8SIV-A", "hash:ip,port", List.of("10.88.210.1,tcp:80", "10.88.210.3,tcp:443")),
        IpSet.of("J8SIV-B", "hash:ip,port", List.of("10.88.210.2,sctp:30082")));
    k.restore(IpsetScript.diff(ours(), next));
    assertThat(ours()).containsEntry("J8SIV-A", next.get(0)).containsEntry("J8SIV-B", next.get(1)).containsKeys("J8SIV-C", "J8SIV-D");
    assertThat(IpsetScript.diff(ours(), next)).isEmpty();
  }

  @Test void failsAsIpsetAndKeepsEarlierLines() throws Exception {
    Ipset k = ipset();
    k.restore("create J8SIV-F hash:ip,port family inet hashsize 1024 maxelem 65536\nadd J8SIV-F 10.88.210.1,tcp:80\n");
    assertThatThrownBy(() -> k.restore("add J8SIV-F 10.88.210.2,tcp:80\nadd J8SIV-F 10.88.210.1,tcp:80\n"))
        .isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.restore("del J8SIV-F 10.88.210.9,tcp:80\n")).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.restore("add J8SIV-MISSING 10.88.210.9,tcp:80\n")).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.restore("create J8SIV-F hash:ip,port family inet hashsize 1024 maxelem 65536\n"))
        .isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.restore("add J8SIV-F 30080\n")).isInstanceOf(HostnetException.class);
    assertThat(ours().get("J8SIV-F").entries()).containsExactly("10.88.210.1,tcp:80", "10.88.210.2,tcp:80");
  }
}
