package io.j8s.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpgradeRequestTest {
  @Test
  void keepsTheUpgradeHeadersAndReplacesHostAndHopByHop() {
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/exec/ns/p/c?command=ls");
    req.headers().set("Host", "10.0.0.1:10250").set("Connection", "Upgrade").set("Upgrade", "SPDY/3.1")
        .add("X-Stream-Protocol-Version", "v4.channel.k8s.io").add("X-Stream-Protocol-Version", "v3.channel.k8s.io")
        .set("Authorization", "Bearer secret").set("Content-Length", "0").set("Keep-Alive", "timeout=5");
    String s = new String(UpgradeRequest.bytes(req, "127.0.0.1:4321", "/exec/AbC", new byte[0]), StandardCharsets.ISO_8859_1);
    assertThat(s).startsWith("POST /exec/AbC HTTP/1.1\r\nHost: 127.0.0.1:4321\r\n").endsWith("\r\n\r\n")
        .contains("Connection: Upgrade\r\n", "Upgrade: SPDY/3.1\r\n", "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n",
            "X-Stream-Protocol-Version: v3.channel.k8s.io\r\n", "Content-Length: 0\r\n")
        .doesNotContain("10250", "Authorization", "secret", "Keep-Alive");

    // what the runtime receives parses back as the same request
    EmbeddedChannel server = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1024));
    server.writeInbound(Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.ISO_8859_1)));
    FullHttpRequest parsed = server.readInbound();
    assertThat(parsed.uri()).isEqualTo("/exec/AbC");
    assertThat(parsed.headers().getAll("X-Stream-Protocol-Version")).containsExactly("v4.channel.k8s.io", "v3.channel.k8s.io");
    parsed.release();
  }

  @Test
  void relayCopiesBothWaysAndClosesThePeer() {
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    a.pipeline().addLast(new Relay(b));
    b.pipeline().addLast(new Relay(a));
    a.writeInbound(Unpooled.copiedBuffer("to b", StandardCharsets.UTF_8));
    ByteBuf got = b.readOutbound();
    assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("to b");
    got.release();
    b.writeInbound(Unpooled.copiedBuffer("to a", StandardCharsets.UTF_8));
    ByteBuf back = a.readOutbound();
    assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo("to a");
    back.release();
    a.close();
    b.runPendingTasks();
    assertThat(b.isActive()).isFalse();
  }
}
