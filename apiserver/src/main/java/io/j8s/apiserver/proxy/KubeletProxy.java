package io.j8s.apiserver.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.http.Relay;
import io.j8s.apiserver.store.ObjectStore;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends a request on to a kubelet and relays its answer: a TLS connection (the API server's
 * kubelet-client certificate; the kubelet's own certificate is not verified, see
 * {@link io.j8s.apiserver.pki.ClusterPki#kubeletClientSslContext}) opened on the client
 * connection's event loop, the request written as HTTP/1.1, then both connections relay bytes
 * until either closes. A plain request goes with {@code Connection: close}, so the kubelet's
 * response (chunked for a followed log) ends the client's connection; an upgrade request keeps
 * its Upgrade headers, and the client and the container runtime negotiate the stream protocol
 * through the kubelet.
 */
public final class KubeletProxy {
  static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final Set<String> DROPPED = Set.of("host", "authorization", "content-length", "transfer-encoding",
      "keep-alive", "proxy-connection", "te", "trailer", "impersonate-user", "impersonate-group");

  private final ObjectStore store;
  private final ResourceType nodes;
  private final SslContext ssl;

  public KubeletProxy(ObjectStore store, ResourceType nodes, SslContext ssl) {
    this.store = store;
    this.nodes = nodes;
    this.ssl = ssl;
  }

  /** pods/{log,exec,attach,portforward} of this pod object. */
  public void pod(Exchange ex, ObjectNode pod, String sub) {
    String path = KubeletLocation.podPath(pod, sub, ex.params());
    forward(ex, KubeletLocation.of(node(KubeletLocation.nodeOf(pod)), path));
  }

  /** nodes/{name}/proxy/{path}: any path on the node's kubelet. */
  public void node(Exchange ex, String name) {
    String uri = ex.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String marker = "/nodes/" + name + "/proxy";
    int at = path.indexOf(marker);
    String rest = at < 0 ? "/" : path.substring(at + marker.length());
    if (rest.isEmpty()) rest = "/";
    forward(ex, KubeletLocation.of(node(name), rest + (q < 0 ? "" : uri.substring(q))));
  }

  private ObjectNode node(String name) {
    return store.get(nodes, null, name).orElseThrow(() -> ApiException.notFound("", "nodes", name));
  }

  private void forward(Exchange ex, KubeletLocation to) {
    Channel client = ex.channel();
    ChannelFuture connect = new Bootstrap().group(client.eventLoop()).channel(io.j8s.apiserver.http.HttpServer.clientChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), to.host(), to.port()));
            ch.pipeline().addLast(new Relay(client));
          }
        }).connect(to.host(), to.port());
    String where = "node \"" + to.node() + "\" at " + to.host() + ":" + to.port();
    try {
      if (!connect.await(CONNECT_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS) || !connect.isSuccess()) {
        throw unreachable(503, "error dialing backend: cannot connect to the kubelet of " + where, connect.cause());
      }
      Future<Channel> handshake = connect.channel().pipeline().get(SslHandler.class).handshakeFuture();
      if (!handshake.await(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS) || !handshake.isSuccess()) {
        connect.channel().close();
        throw unreachable(502, "error dialing backend: TLS with the kubelet of " + where + " failed", handshake.cause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connect.channel().close();
      throw ApiException.unavailable("interrupted while connecting to the kubelet of " + where);
    }
    Channel kubelet = connect.channel();
    kubelet.writeAndFlush(Unpooled.wrappedBuffer(requestBytes(ex, to)));
    ex.relayTo(kubelet);
    kubelet.config().setAutoRead(true);
  }

  private static ApiException unreachable(int code, String message, Throwable cause) {
    return new ApiException(code, code == 503 ? "ServiceUnavailable" : "BadGateway",
        message + (cause == null ? ": timeout" : ": " + cause.getMessage()), "", "nodes", null, List.of());
  }

  static byte[] requestBytes(Exchange ex, KubeletLocation to) {
    boolean upgrade = ex.headers().contains("Upgrade");
    StringBuilder s = new StringBuilder();
    s.append(ex.method()).append(' ').append(to.pathAndQuery()).append(" HTTP/1.1\r\n");
    s.append("Host: ").append(to.host().contains(":") ? "[" + to.host() + "]" : to.host()).append(':').append(to.port()).append("\r\n");
    for (Map.Entry<String, String> h : ex.headers()) {
      String k = h.getKey().toLowerCase(Locale.ROOT);
      if (DROPPED.contains(k) || (!upgrade && (k.equals("connection") || k.equals("upgrade")))) continue;
      s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (!upgrade) s.append("Connection: close\r\n");
    byte[] body = ex.body();
    if (body.length > 0 || ex.headers().contains("Content-Length")) s.append("Content-Length: ").append(body.length).append("\r\n");
    s.append("\r\n");
    byte[] head = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
