package io.j8s.kubelet.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Relays an upgrade request (exec, attach, port-forward) to the URL the runtime gave for it on
 * its streaming server (containerd: plain HTTP on 127.0.0.1, in this network namespace), then
 * the connection both ways byte for byte. The client and the runtime negotiate the protocol:
 * containerd 1.6 speaks SPDY/3.1 (remotecommand v1-v4, portforward.k8s.io) and the legacy
 * WebSocket channel protocols (up to v4.channel.k8s.io); it refuses a WebSocket offering only
 * kubectl 1.30+'s v5.channel.k8s.io or SPDY/3.1+portforward.k8s.io, with an HTTP error that
 * makes kubectl fall back to SPDY, as it does against an upstream kubelet on such a runtime.
 */
final class StreamingProxy {
  static final int CONNECT_TIMEOUT_MS = 5_000;

  private StreamingProxy() {}

  /** @param query extra query for the runtime URL (port-forward's {@code ports}), or null */
  static void relay(KubeletExchange ex, String url, String query) throws InterruptedException {
    URI u = URI.create(url);
    if (!"http".equals(u.getScheme())) {
      Statuses.fail(ex, 500, "the runtime's streaming URL " + url + " is not plain HTTP");
      return;
    }
    int port = u.getPort() < 0 ? 80 : u.getPort();
    String pathAndQuery = u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "")
        + (query == null || query.isEmpty() ? "" : (u.getRawQuery() != null ? "&" : "?") + query);
    Channel client = ex.channel();
    ChannelFuture connect = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new Relay(client))
        .connect(u.getHost(), port);
    if (!connect.await(CONNECT_TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS) || !connect.isSuccess()) {
      Statuses.fail(ex, 502, "cannot reach the runtime's streaming server at " + u.getHost() + ":" + port + ": "
          + (connect.cause() == null ? "timeout" : connect.cause().getMessage()));
      return;
    }
    Channel runtime = connect.channel();
    runtime.writeAndFlush(Unpooled.wrappedBuffer(UpgradeRequest.bytes(ex.request(), u.getHost() + ":" + port, pathAndQuery, ex.body())));
    ex.relayTo(runtime).join();
    runtime.config().setAutoRead(true);
  }
}
