package io.j8s.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.j8s.dns.zone.ClusterSnapshot;
import io.j8s.dns.zone.ZoneConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponderTest {
  static final ClusterSnapshot SNAP = snapshot(100);
  static final Responder RESPONDER = new Responder(() -> SNAP, ZoneConfig.of("cluster.local", "10.43.0.10"), null, new DnsMetrics());

  /** web.default (ClusterIP 10.43.1.2) and big.default, headless with {@code n} ready endpoints. */
  static ClusterSnapshot snapshot(int n) {
    var slice = new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("big-1")
        .addToLabels(ClusterSnapshot.SERVICE_NAME_LABEL, "big").endMetadata().withAddressType("IPv4");
    for (int i = 0; i < n; i++) slice = slice.addToEndpoints(new EndpointBuilder().withAddresses("10.42." + (i / 250) + "." + (i % 250 + 1)).build());
    return ClusterSnapshot.of(List.of(
        new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
            .withNewSpec().withClusterIP("10.43.1.2").endSpec().build(),
        new ServiceBuilder().withNewMetadata().withNamespace("default").withName("big").endMetadata()
            .withNewSpec().withClusterIP("None").endSpec().build()), List.of(slice.build()), 1);
  }

  static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
  }

  static Message ask(Message q, boolean udp) throws IOException {
    byte[] out = RESPONDER.respond(q.toWire(), udp).join();
    return out == null ? null : new Message(out);
  }

  @Test
  void answersAClusterNameAuthoritatively() throws IOException {
    Message q = query("web.default.svc.cluster.local.", Type.A);
    Message r = ask(q, true);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getQuestion()).isEqualTo(q.getQuestion());
    assertThat(r.getSection(Section.ANSWER)).singleElement().extracting(Record::rdataToString).isEqualTo("10.43.1.2");
    assertThat(r.getOPT()).isNull();
    Message nx = ask(query("nope.default.svc.cluster.local.", Type.A), true);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY)).singleElement().extracting(Record::getType).isEqualTo(Type.SOA);
  }

  @Test
  void reverseNamesOfClusterAddressesAreAnsweredAuthoritativelyOthersGoUpstream() throws IOException {
    Message r = ask(query("2.1.43.10.in-addr.arpa.", Type.PTR), true);
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(r.getSection(Section.ANSWER)).singleElement().extracting(Record::rdataToString)
        .isEqualTo("web.default.svc.cluster.local.");
    assertThat(ask(query("1.0.42.10.in-addr.arpa.", Type.PTR), false).getSection(Section.ANSWER)).singleElement()
        .extracting(Record::rdataToString).isEqualTo("10-42-0-1.big.default.svc.cluster.local.");
    // not a cluster address: forwarded, here refused for want of upstreams
    assertThat(ask(query("1.1.168.192.in-addr.arpa.", Type.PTR), true).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void namesOutsideTheZoneAreRefusedWithoutUpstreams() throws IOException {
    assertThat(ask(query("example.com.", Type.A), true).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void udpAnswersOver512BytesAreTruncatedUnlessEdnsAllowsMore() throws IOException {
    Message q = query("big.default.svc.cluster.local.", Type.A);
    byte[] plain = RESPONDER.respond(q.toWire(), true).join();
    Message r = new Message(plain);
    assertThat(plain.length).isLessThanOrEqualTo(512);
    assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(r.getSection(Section.ANSWER).size()).isLessThan(100);
    assertThat(r.getQuestion()).isEqualTo(q.getQuestion());

    Message tcp = ask(q, false);
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(100);

    Message e = query("big.default.svc.cluster.local.", Type.A);
    e.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message edns = ask(e, true);
    assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(edns.getSection(Section.ANSWER)).hasSize(100);
    assertThat(edns.getOPT()).isNotNull();

    Message small = query("big.default.svc.cluster.local.", Type.A);
    small.addRecord(new OPTRecord(1000, 0, 0), Section.ADDITIONAL);
    byte[] limited = RESPONDER.respond(small.toWire(), true).join();
    assertThat(limited.length).isLessThanOrEqualTo(1000); // whole RRsets or nothing (RFC 2181 9)
    assertThat(new Message(limited).getHeader().getFlag(Flags.TC)).isTrue();
  }

  @Test
  void unreadableHeadersAndResponsesAreDropped() {
    assertThat(RESPONDER.respond(new byte[0], true).join()).isNull();
    assertThat(RESPONDER.respond(new byte[11], true).join()).isNull();
    byte[] resp = query("web.default.svc.cluster.local.", Type.A).toWire();
    resp[2] |= (byte) 0x80;
    assertThat(RESPONDER.respond(resp, true).join()).isNull();
  }

  @Test
  void unparseableBodiesGetFormerrWithTheirId() throws IOException {
    byte[] q = query("web.default.svc.cluster.local.", Type.A).toWire();
    byte[] cut = java.util.Arrays.copyOf(q, q.length - 3);
    Message r = new Message(RESPONDER.respond(cut, true).join());
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r.getHeader().getID()).isEqualTo(((q[0] & 0xff) << 8) | (q[1] & 0xff));
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();

    byte[] headerOnly = java.util.Arrays.copyOf(q, 12); // says one question, has none
    assertThat(new Message(RESPONDER.respond(headerOnly, true).join()).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void questionCountOpcodeEdnsVersionTransfersAndClasses() throws IOException {
    Message none = new Message();
    assertThat(ask(none, true).getRcode()).isEqualTo(Rcode.FORMERR);
    Message two = query("web.default.svc.cluster.local.", Type.A);
    two.addRecord(Record.newRecord(Name.fromConstantString("a.b."), Type.A, DClass.IN), Section.QUESTION);
    assertThat(ask(two, true).getRcode()).isEqualTo(Rcode.FORMERR);

    Message notify = query("cluster.local.", Type.SOA);
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    Message n = ask(notify, true);
    assertThat(n.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(n.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);

    Message v1 = query("web.default.svc.cluster.local.", Type.A);
    v1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
    assertThat(ask(v1, true).getRcode()).isEqualTo(Rcode.BADVERS);

    assertThat(ask(query("cluster.local.", Type.AXFR), false).getRcode()).isEqualTo(Rcode.REFUSED);
    Message chaos = Message.newQuery(Record.newRecord(Name.fromConstantString("version.bind."), Type.TXT, DClass.CH));
    assertThat(ask(chaos, true).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void randomlyDamagedQueriesNeverThrowAndAnswersEchoTheId() throws IOException {
    Random rnd = new Random(53);
    List<byte[]> seeds = new ArrayList<>();
    for (String n : List.of("web.default.svc.cluster.local.", "_http._tcp.big.default.svc.cluster.local.", "example.org.")) {
      seeds.add(query(n, Type.A).toWire());
      Message e = query(n, Type.SRV);
      e.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
      seeds.add(e.toWire());
    }
    int answered = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] q = seeds.get(rnd.nextInt(seeds.size())).clone();
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits; e++) q[rnd.nextInt(q.length)] = (byte) rnd.nextInt(256);
      if (rnd.nextInt(4) == 0) q = java.util.Arrays.copyOf(q, rnd.nextInt(q.length + 8));
      boolean udp = rnd.nextBoolean();
      byte[] out = RESPONDER.respond(q, udp).join();
      if (out == null) {
        assertThat(q.length < 12 || (q[2] & 0x80) != 0).isTrue();
        continue;
      }
      answered++;
      Message r = new Message(out);
      assertThat(r.getHeader().getID()).isEqualTo(((q[0] & 0xff) << 8) | (q[1] & 0xff));
      assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
      if (udp) assertThat(out.length).isLessThanOrEqualTo(65535);
    }
    assertThat(answered).isGreaterThan(10_000);
    assertThat(RESPONDER.metrics().render()).contains("coredns_dns_responses_total{rcode=\"FORMERR\"}");
  }
}
