package io.j8s.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.ipvs.IpvsOp;
import io.j8s.hostnet.ipvs.IpvsOp.AddServer;
import io.j8s.hostnet.ipvs.IpvsOp.AddService;
import io.j8s.hostnet.ipvs.IpvsOp.DeleteServer;
import io.j8s.hostnet.ipvs.IpvsOp.DeleteService;
import io.j8s.hostnet.ipvs.IpvsOp.EditServer;
import io.j8s.hostnet.ipvs.IpvsOp.EditService;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RealServer;
import io.j8s.hostnet.ipvs.VirtualServer;
import io.j8s.hostnet.ipvs.VirtualServer.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpvsDiffTest {
  static final VirtualServer WEB = new VirtualServer(Protocol.TCP, "10.88.214.10", 80, "rr", 0);
  static final VirtualServer DNS = new VirtualServer(Protocol.UDP, "10.88.214.53", 53, "rr", 0);
  static final VirtualServer DIAM = new VirtualServer(Protocol.SCTP, "10.88.214.54", 3868, "rr", 0);
  static final RealServer A = new RealServer("10.88.217.1", 8080, 1);
  static final RealServer B = new RealServer("10.88.217.2", 8080, 1);
  static final RealServer C = new RealServer("10.88.217.3", 8080, 1);

  static IpvsTable table(IpvsTable.Service... s) {
    return IpvsTable.of(List.of(s));
  }

  static IpvsTable.Service svc(VirtualServer vs, RealServer... r) {
    return IpvsTable.Service.of(vs, List.of(r));
  }

  @Test void fromEmptyAddsEverything() {
    IpvsDiff.Plan p = IpvsDiff.diff(IpvsTable.EMPTY, table(svc(WEB, A, B), svc(DNS)), Set.of());
    assertThat(p.ops()).containsExactly(new AddService(WEB), new AddServer(WEB, A), new AddServer(WEB, B), new AddService(DNS));
    assertThat(p.after()).isEqualTo(table(svc(WEB, A, B), svc(DNS)));
  }

  @Test void noChangeNoOps() {
    IpvsTable t = table(svc(WEB, A, B), svc(DNS, A));
    assertThat(IpvsDiff.diff(t, t, Set.of()).ops()).isEmpty();
  }

  @Test void unchangedDestinationsAreNeverTouched() {
    IpvsDiff.Plan p = IpvsDiff.diff(table(svc(WEB, A, B)), table(svc(WEB, A, C)), Set.of());
    assertThat(p.ops()).containsExactly(new AddServer(WEB, C), new EditServer(WEB, B.withWeight(0)));
    assertThat(p.ops()).noneMatch(op -> op.line().contains(A.key()));
    assertThat(p.after()).isEqualTo(table(svc(WEB, A, B.withWeight(0), C)));
  }

  @Test void aQuiescedTcpDestinationIsDeletedOnceDrainable() {
    IpvsTable now = table(svc(WEB, A, B.withWeight(0)));
    assertThat(IpvsDiff.diff(now, table(svc(WEB, A)), Set.of()).ops()).isEmpty();
    IpvsDiff.Plan p = IpvsDiff.diff(now, table(svc(WEB, A)), Set.of(IpvsDiff.destKey(WEB, B)));
    assertThat(p.ops()).containsExactly(new DeleteServer(WEB, B.withWeight(0)));
    assertThat(p.after()).isEqualTo(table(svc(WEB, A)));
  }

  @Test void aQuiescedDestinationThatComesBackIsReweighted() {
    IpvsDiff.Plan p = IpvsDiff.diff(table(svc(WEB, A, B.withWeight(0))), table(svc(WEB, A, B)), Set.of());
    assertThat(p.ops()).containsExactly(new EditServer(WEB, B));
  }

  @Test void udpAndSctpDestinationsGoAtOnce() {
    IpvsDiff.Plan p = IpvsDiff.diff(table(svc(DNS, A, B), svc(DIAM, A, B)), table(svc(DNS, A), svc(DIAM, B)), Set.of());
    assertThat(p.ops()).containsExactly(new DeleteServer(DIAM, A), new DeleteServer(DNS, B));
    assertThat(p.after()).isEqualTo(table(svc(DNS, A), svc(DIAM, B)));
  }

  @Test void schedulingChangesAreEditedInPlace() {
    VirtualServer sticky = new VirtualServer(Protocol.TCP, "10.88.214.10", 80, "rr", 10800);
    IpvsDiff.Plan p = IpvsDiff.diff(table(svc(WEB, A)), table(svc(sticky, A)), Set.of());
    assertThat(p.ops()).containsExactly(new EditService(sticky));
    VirtualServer wrr = new VirtualServer(Protocol.TCP, "10.88.214.10", 80, "wrr", 10800);
    assertThat(IpvsDiff.diff(table(svc(sticky, A)), table(svc(wrr, A)), Set.of()).ops()).containsExactly(new EditService(wrr));
  }

  @Test void servicesThatGoAreDeletedWithTheirDestinations() {
    IpvsDiff.Plan p = IpvsDiff.diff(table(svc(WEB, A), svc(DNS, A)), table(svc(DNS, A)), Set.of());
    assertThat(p.ops()).containsExactly(new DeleteService(WEB));
    assertThat(p.after()).isEqualTo(table(svc(DNS, A)));
  }

  @Test void aProtocolChangeIsAnotherVirtualServer() {
    VirtualServer udp = new VirtualServer(Protocol.UDP, "10.88.214.10", 80, "rr", 0);
    List<IpvsOp> ops = IpvsDiff.diff(table(svc(WEB, A)), table(svc(udp, A)), Set.of()).ops();
    assertThat(ops).containsExactly(new AddService(udp), new AddServer(udp, A), new DeleteService(WEB));
  }
}
