package io.j8s.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.dns.zone.ClusterSnapshot;
import io.j8s.dns.zone.ZoneConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswerBytesCacheTest {
  @Test
  void aRepeatedQuestionGetsTheSameAnswerWithItsOwnIdUntilTheSnapshotChanges() throws Exception {
    AtomicReference<ClusterSnapshot> snap = new AtomicReference<>(ResponderTest.snapshot(1));
    Responder r = new Responder(snap::get, ZoneConfig.of("cluster.local", null), null, new DnsMetrics());
    Message q1 = ResponderTest.query("web.default.svc.cluster.local.", Type.A);
    Message q2 = ResponderTest.query("web.default.svc.cluster.local.", Type.A);
    assertThat(q1.getHeader().getID()).isNotEqualTo(q2.getHeader().getID());
    Message a1 = new Message(r.respond(q1.toWire(), true).join());
    Message a2 = new Message(r.respond(q2.toWire(), true).join());
    assertThat(a2.getHeader().getID()).isEqualTo(q2.getHeader().getID());
    assertThat(a2.getSection(Section.ANSWER)).isEqualTo(a1.getSection(Section.ANSWER));
    Message upper = ResponderTest.query("WEB.default.svc.cluster.local.", Type.A);
    assertThat(new Message(r.respond(upper.toWire(), true).join()).getSection(Section.ANSWER).get(0).getName().toString())
        .startsWith("WEB.");

    snap.set(ClusterSnapshot.of(List.of(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withNamespace("default")
        .withName("web").endMetadata().withNewSpec().withClusterIP("10.43.9.9").endSpec().build()), List.of(), 2));
    Message a3 = new Message(r.respond(q1.toWire(), true).join());
    assertThat(a3.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10.43.9.9");
    // TCP and UDP answers are kept apart (truncation differs)
    Message big = ResponderTest.query("big.default.svc.cluster.local.", Type.A);
    Responder r100 = new Responder(() -> ResponderTest.SNAP, ZoneConfig.of("cluster.local", null), null, new DnsMetrics());
    assertThat(new Message(r100.respond(big.toWire(), true).join()).getSection(Section.ANSWER)).hasSizeLessThan(100);
    assertThat(new Message(r100.respond(big.toWire(), false).join()).getSection(Section.ANSWER)).hasSize(100);
  }
}
