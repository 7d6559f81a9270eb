package io.j8s.hostnet.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.ipvs.IpvsOp.AddServer;
import io.j8s.hostnet.ipvs.IpvsOp.AddService;
import io.j8s.hostnet.ipvs.IpvsOp.DeleteServer;
import io.j8s.hostnet.ipvs.IpvsOp.DeleteService;
import io.j8s.hostnet.ipvs.IpvsOp.EditServer;
import io.j8s.hostnet.ipvs.IpvsOp.EditService;
import io.j8s.hostnet.ipvs.VirtualServer.Protocol;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ipvs} does, run against the fake ({@link RecordingIpvsTest}) and the real
 * kernel ({@link IpvsadmCommandTest}, only where the kernel has IPVS). Addresses in 10.88.210.0/24
 * and 10.88.211.0/24 (ipvs mode's test range).
 */
abstract class IpvsContract {
  static final VirtualServer WEB = new VirtualServer(Protocol.TCP, "10.88.210.10", 80, "rr", 0);
  static final VirtualServer DNS = new VirtualServer(Protocol.UDP, "10.88.210.11", 53, "rr", 0);
  static final RealServer A = new RealServer("10.88.211.2", 8080, 1);
  static final RealServer B = new RealServer("10.88.211.3", 8080, 1);

  abstract Ipvs ipvs();

  @AfterEach void clear() throws HostnetException {
    if (ipvs() == null) return; // skipped: no kernel IPVS
    for (IpvsTable.Service s : ipvs().read().services().values()) {
      if (s.server().address().startsWith("10.88.210.")) ipvs().apply(List.of(new DeleteService(s.server())));
    }
  }

  IpvsTable ours() throws HostnetException {
    return IpvsTable.of(ipvs().read().services().values().stream().filter(s -> s.server().address().startsWith("10.88.210.")).toList());
  }

  @Test void addEditAndDeleteInPlace() throws Exception {
    Ipvs k = ipvs();
    k.apply(List.of(new AddService(WEB), new AddServer(WEB, A), new AddServer(WEB, B), new AddService(DNS)));
    assertThat(ours()).isEqualTo(IpvsTable.of(List.of(IpvsTable.Service.of(WEB, List.of(A, B)), IpvsTable.Service.of(DNS, List.of()))));
    assertThat(k.connections()).containsEntry(WEB.key() + "/" + A.key(), 0).containsEntry(WEB.key() + "/" + B.key(), 0);
    VirtualServer sticky = new VirtualServer(Protocol.TCP, "10.88.210.10", 80, "wrr", 600);
    k.apply(List.of(new EditService(sticky), new EditServer(sticky, A.withWeight(0)), new DeleteServer(sticky, B)));
    assertThat(ours()).isEqualTo(IpvsTable.of(List.of(IpvsTable.Service.of(sticky, List.of(A.withWeight(0))),
        IpvsTable.Service.of(DNS, List.of()))));
    k.apply(List.of(new DeleteService(DNS), new DeleteService(sticky)));
    assertThat(ours()).isEqualTo(IpvsTable.EMPTY);
  }

  @Test void failsAsIpvsadmAndKeepsWhatCameBefore() throws Exception {
    Ipvs k = ipvs();
    k.apply(List.of(new AddService(WEB), new AddServer(WEB, A)));
    assertThatThrownBy(() -> k.apply(List.of(new AddService(WEB)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new AddServer(WEB, A)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new EditService(DNS)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new DeleteService(DNS)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new AddServer(DNS, A)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new DeleteServer(WEB, B)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new EditServer(WEB, B)))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> k.apply(List.of(new AddService(new VirtualServer(Protocol.TCP, "10.88.210.12", 80, "nosuch", 0)))))
        .isInstanceOf(HostnetException.class);
    assertThat(ours()).isEqualTo(IpvsTable.of(List.of(IpvsTable.Service.of(WEB, List.of(A)))));
  }
}
