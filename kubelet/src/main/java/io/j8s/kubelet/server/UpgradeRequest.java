package io.j8s.kubelet.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The request the kubelet sends on to the runtime's streaming server: the client's method and
 * headers (Upgrade, Connection, X-Stream-Protocol-Version, Sec-WebSocket-*: the protocol is
 * negotiated between the client and the runtime) for the runtime's URL, as HTTP/1.1 bytes.
 */
final class UpgradeRequest {
  /** Hop-by-hop or replaced headers; Connection and Upgrade are kept, they carry the upgrade. */
  private static final Set<String> DROPPED = Set.of("host", "content-length", "transfer-encoding", "keep-alive",
      "proxy-connection", "te", "trailer", "authorization");

  private UpgradeRequest() {}

  /** @param pathAndQuery the target's path with its query ("/exec/abc?x=1") */
  static byte[] bytes(HttpRequest client, String hostPort, String pathAndQuery, byte[] body) {
    StringBuilder s = new StringBuilder();
    s.append(client.method().name()).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
    s.append("Host: ").append(hostPort).append("\r\n");
    for (Map.Entry<String, String> h : client.headers()) {
      if (DROPPED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) continue;
      s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (body.length > 0 || client.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      s.append("Content-Length: ").append(body.length).append("\r\n");
    }
    s.append("\r\n");
    byte[] head = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
