package io.j8s.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The handlers in Netty pipelines without sockets. */
class NettyCodecTest {
  static final InetSocketAddress CLIENT = new InetSocketAddress("10.42.0.5", 40000), SERVER = new InetSocketAddress("10.43.0.10", 53);

  @Test
  void udpAnswersGoBackToTheSenderAndGarbageKeepsTheChannelOpen() throws IOException {
    EmbeddedChannel ch = new EmbeddedChannel(new UdpQueryHandler(ResponderTest.RESPONDER));
    ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), SERVER, CLIENT));
    assertThat((Object) ch.readOutbound()).isNull();
    byte[] junk = new byte[40];
    junk[0] = 7;
    junk[5] = 1; // one question, then zeros and a truncated name
    junk[12] = 60;
    ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(junk), SERVER, CLIENT));
    DatagramPacket formerr = ch.readOutbound();
    assertThat(formerr.recipient()).isEqualTo(CLIENT);
    assertThat(new Message(bytes(formerr.content())).getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(ch.isActive()).isTrue();

    Message q = ResponderTest.query("web.default.svc.cluster.local.", Type.A);
    ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(q.toWire()), SERVER, CLIENT));
    DatagramPacket p = ch.readOutbound();
    Message r = new Message(bytes(p.content()));
    assertThat(r.getSection(Section.ANSWER)).hasSize(1);
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void tcpFramesQueriesSplitAndCoalescedAndFramesAnswersWithTheirLength() throws IOException {
    EmbeddedChannel ch = new EmbeddedChannel();
    DnsServer.tcpPipeline(ch, new TcpQueryHandler(ResponderTest.RESPONDER));
    byte[] a = framed(ResponderTest.query("web.default.svc.cluster.local.", Type.A).toWire());
    byte[] b = framed(ResponderTest.query("big.default.svc.cluster.local.", Type.A).toWire());
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    ch.writeInbound(Unpooled.wrappedBuffer(both, 0, 1)); // one byte of the length alone
    ch.writeInbound(Unpooled.wrappedBuffer(both, 1, a.length + 5));
    ch.writeInbound(Unpooled.wrappedBuffer(both, a.length + 6, both.length - a.length - 6));
    List<Message> answers = readFramed(ch);
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).getSection(Section.ANSWER)).hasSize(1);
    assertThat(answers.get(1).getSection(Section.ANSWER)).as("TCP is never truncated").hasSize(100);
    assertThat(answers.get(1).getHeader().getFlag(Flags.TC)).isFalse();

    ch.writeInbound(Unpooled.wrappedBuffer(framed(new byte[] {9, 9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 99})));
    assertThat(readFramed(ch)).singleElement().extracting(Message::getRcode).isEqualTo(Rcode.FORMERR);
    assertThat(ch.isActive()).isTrue();
    ch.writeInbound(Unpooled.wrappedBuffer(framed(new byte[] {1, 2})));
    assertThat(ch.isActive()).as("a frame without a header closes the connection").isFalse();
  }

  @Test
  void metricsAreServedInPrometheusText() {
    DnsMetrics m = new DnsMetrics();
    m.response(Rcode.NXDOMAIN, 300_000);
    m.request(true);
    EmbeddedChannel ch = new EmbeddedChannel(new MetricsHttpHandler(m));
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics"));
    FullHttpResponse r = ch.readOutbound();
    String body = r.content().toString(StandardCharsets.UTF_8);
    assertThat(body).contains("coredns_dns_responses_total{rcode=\"NXDOMAIN\"} 1", "coredns_dns_requests_total{proto=\"udp\"} 1",
        "coredns_dns_request_duration_seconds_bucket{le=\"0.0005\"} 1", "coredns_dns_request_duration_seconds_bucket{le=\"0.00025\"} 0",
        "coredns_dns_request_duration_seconds_count 1");
    r.release();
  }

  static byte[] framed(byte[] m) {
    byte[] out = new byte[m.length + 2];
    out[0] = (byte) (m.length >> 8);
    out[1] = (byte) m.length;
    System.arraycopy(m, 0, out, 2, m.length);
    return out;
  }

  static List<Message> readFramed(EmbeddedChannel ch) throws IOException {
    ByteBuf all = Unpooled.buffer();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      all.writeBytes((ByteBuf) o);
      ((ByteBuf) o).release();
    }
    List<Message> out = new ArrayList<>();
    while (all.readableBytes() >= 2) {
      int len = all.readUnsignedShort();
      byte[] m = new byte[len];
      all.readBytes(m);
      out.add(new Message(m));
    }
    return out;
  }

  static byte[] bytes(ByteBuf b) {
    byte[] out = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), out);
    return out;
  }
}
