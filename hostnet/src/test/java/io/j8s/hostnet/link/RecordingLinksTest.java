package io.j8s.hostnet.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fake against the contract, and its change log. */
class RecordingLinksTest extends LinksContract {
  final RecordingLinks fake = new RecordingLinks().withDevice(UPLINK, 1500, "172.31.77.1/24");

  @Override Links links() { return fake; }

  @Test void recordsChanges() throws Exception {
    fake.replaceRoute(Route.via("10.42.2.0/24", "172.31.77.3", UPLINK));
    fake.deleteRoute(Route.via("10.42.2.0/24", "172.31.77.3", UPLINK));
    fake.deleteRoute(Route.via("10.42.2.0/24", "172.31.77.3", UPLINK));
    assertThat(fake.changes()).containsExactly("route replace 10.42.2.0/24 via 172.31.77.3 dev j8sct0 proto 98",
        "route del 10.42.2.0/24 via 172.31.77.3 dev j8sct0 proto 98");
  }
}
