package io.j8s.hostnet.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.ipvs.VirtualServer.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code ipvsadm-save -n} output: fixtures in the tool's format, including what j8s does not model. */
class IpvsSaveTest {
  /** As ipvsadm 1.31 prints a kube-proxy node's table (plus a foreign fwmark and IPv6 service). */
  static final String FIXTURE = """
      -A -t 10.43.0.1:443 -s rr
      -a -t 10.43.0.1:443 -r 10.88.210.2:6443 -m -w 1
      -A -u 10.43.0.10:53 -s rr -p 10800
      -a -u 10.43.0.10:53 -r 10.42.0.4:53 -m -w 1
      -a -u 10.43.0.10:53 -r 10.42.0.5:53 -m -w 0
      -A --sctp-service 10.43.0.20:3868 -s sh -b flag-1,flag-2
      -A -t 10.88.210.2:30080 -s rr -p 60 -M 255.255.255.0 --pe sip
      -a -t 10.88.210.2:30080 -r 10.42.1.7:8080 -g -w 3 -x 0 -y 0
      -a -t 10.88.210.2:30080 -r 10.42.1.8:8080 -i -w 1 --tun-type ipip
      -A -f 42 -s wlc
      -a -f 42 -r 10.42.1.9:0 -m -w 1
      -A -t [fd00::1]:80 -s rr
      -a -t [fd00::1]:80 -r [fd00::2]:80 -m -w 1
      -A -t 10.43.0.30:80 -s wlc
      """;

  @Test void readsTheServicesJ8sModels() throws Exception {
    IpvsTable t = IpvsSave.parse(FIXTURE);
    assertThat(t.services().keySet()).containsExactly("SCTP 10.43.0.20:3868", "TCP 10.43.0.1:443", "TCP 10.43.0.30:80",
        "TCP 10.88.210.2:30080", "UDP 10.43.0.10:53");
    assertThat(t.services().get("UDP 10.43.0.10:53").server()).isEqualTo(new VirtualServer(Protocol.UDP, "10.43.0.10", 53, "rr", 10800));
    assertThat(t.services().get("UDP 10.43.0.10:53").destinations().values())
        .containsExactly(new RealServer("10.42.0.4", 53, 1), new RealServer("10.42.0.5", 53, 0));
    assertThat(t.services().get("SCTP 10.43.0.20:3868").server().scheduler()).isEqualTo("sh");
    assertThat(t.services().get("TCP 10.88.210.2:30080").server().persistenceSeconds()).isEqualTo(60);
    assertThat(t.services().get("TCP 10.88.210.2:30080").destinations().values())
        .containsExactly(new RealServer("10.42.1.7", 8080, 3), new RealServer("10.42.1.8", 8080, 1));
    assertThat(t.services().get("TCP 10.43.0.30:80").destinations()).isEmpty();
    assertThat(t.realServerCount()).isEqualTo(5);
  }

  @Test void formatsAsTheToolAndReadsBack() throws Exception {
    VirtualServer vs = new VirtualServer(Protocol.TCP, "10.43.0.5", 80, "rr", 0);
    VirtualServer sticky = new VirtualServer(Protocol.SCTP, "10.43.0.6", 9, "rr", 30);
    IpvsTable t = IpvsTable.of(List.of(IpvsTable.Service.of(vs, List.of(new RealServer("10.42.0.9", 8080, 1),
        new RealServer("10.42.0.10", 8080, 0))), IpvsTable.Service.of(sticky, List.of())));
    String s = IpvsSave.format(t);
    assertThat(s).isEqualTo("""
        -A --sctp-service 10.43.0.6:9 -s rr -p 30
        -A -t 10.43.0.5:80 -s rr
        -a -t 10.43.0.5:80 -r 10.42.0.10:8080 -m -w 0
        -a -t 10.43.0.5:80 -r 10.42.0.9:8080 -m -w 1
        """);
    assertThat(IpvsSave.parse(s)).isEqualTo(t);
    assertThat(IpvsSave.parse("")).isEqualTo(IpvsTable.EMPTY);
  }

  @Test void rejectsWhatIsNotTheFormat() {
    assertThatThrownBy(() -> IpvsSave.parse("-a -t 10.43.0.1:443 -r 10.42.0.1:80 -m -w 1\n")).isInstanceOf(HostnetException.class)
        .hasMessageContaining("unknown service");
    assertThatThrownBy(() -> IpvsSave.parse("-X -t 10.43.0.1:443\n")).hasMessageContaining("unknown command");
    assertThatThrownBy(() -> IpvsSave.parse("-A -t 10.43.0.1 -s rr\n")).hasMessageContaining("address:port");
    assertThatThrownBy(() -> IpvsSave.parse("-A -t 10.43.0.1:x -s rr\n")).hasMessageContaining("not a number");
  }

  @Test void operationsAsIpvsadmLines() {
    VirtualServer vs = new VirtualServer(Protocol.UDP, "10.43.0.10", 53, "rr", 10800);
    RealServer r = new RealServer("10.42.0.4", 53, 1);
    assertThat(List.of(new IpvsOp.AddService(vs), new IpvsOp.EditService(vs), new IpvsOp.DeleteService(vs), new IpvsOp.AddServer(vs, r),
        new IpvsOp.EditServer(vs, r.withWeight(0)), new IpvsOp.DeleteServer(vs, r)).stream().map(IpvsOp::line)).containsExactly(
        "-A -u 10.43.0.10:53 -s rr -p 10800", "-E -u 10.43.0.10:53 -s rr -p 10800", "-D -u 10.43.0.10:53",
        "-a -u 10.43.0.10:53 -r 10.42.0.4:53 -m -w 1", "-e -u 10.43.0.10:53 -r 10.42.0.4:53 -m -w 0", "-d -u 10.43.0.10:53 -r 10.42.0.4:53");
  }
}
