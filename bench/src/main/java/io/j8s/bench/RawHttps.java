package io.j8s.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A lean HTTP/1.1 keep-alive client on one TLS socket, for load generation: the JDK HttpClient
 * spent more CPU than the server under test, and both share the machine's two cores.
 * Not thread-safe: one per worker. Understands only Content-Length responses.
 */
final class RawHttps implements AutoCloseable {
  private final SSLSocket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;
  private final String token;

  RawHttps(SSLContext ctx, URI base, String token) throws IOException {
    this.socket = (SSLSocket) ctx.getSocketFactory().createSocket(base.getHost(), base.getPort());
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.host = base.getHost() + ":" + base.getPort();
    this.token = token;
  }

  /** Sends one request and returns the body; fails on a status of 300 or more. */
  String call(String method, String path, String contentType, String body) throws IOException {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host)
        .append("\r\nAuthorization: Bearer ").append(token).append("\r\nAccept: application/json\r\nContent-Length: ").append(b.length);
    if (contentType != null) h.append("\r\nContent-Type: ").append(contentType);
    out.write(h.append("\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.flush();
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    for (String l; !(l = line()).isEmpty(); ) {
      if (l.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(l.substring(15).trim());
    }
    if (length < 0) throw new IOException(method + " " + path + ": response without Content-Length");
    String resp = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    if (code >= 300) throw new IOException(method + " " + path + " -> " + code + ": " + resp);
    return resp;
  }

  /** Receives each line of a stream as bytes (no String is made of it). */
  interface LineSink {
    /** The line is {@code buf[from, to)}; false ends the stream. */
    boolean line(byte[] buf, int from, int to);
  }

  /**
   * Starts a GET whose answer is a chunked stream (a watch) and hands each newline-terminated
   * line to {@code sink} until the sink returns false or the server ends the stream. {@code onOpen}
   * runs once the response headers arrived, that is once the server has registered the watch.
   */
  void stream(String path, Runnable onOpen, LineSink sink) throws IOException {
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = line();
    if (!status.startsWith("HTTP/1.1 200")) throw new IOException("GET " + path + " -> " + status);
    while (!line().isEmpty()) { } // headers: the server always streams watches chunked
    onOpen.run();
    byte[] pending = new byte[4096];
    int length = 0;
    while (true) {
      int size = Integer.parseInt(line().trim(), 16);
      if (size == 0) return;
      if (length + size > pending.length) pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, length + size));
      in.readNBytes(pending, length, size);
      int end = length + size;
      line(); // the CRLF after the chunk
      int from = 0;
      for (int nl; (nl = indexOf(pending, (byte) '\n', Math.max(from, length), end)) >= 0; from = nl + 1) {
        if (!sink.line(pending, from, nl)) return;
      }
      System.arraycopy(pending, from, pending, 0, end - from);
      length = end - from;
    }
  }

  private static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) if (a[i] == b) return i;
    return -1;
  }

  private String line() throws IOException {
    ByteArrayOutputStream l = new ByteArrayOutputStream(128);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new IOException("connection closed by the server");
      if (c != '\r') l.write(c);
    }
    return l.toString(StandardCharsets.US_ASCII);
  }

  @Override public void close() throws IOException { socket.close(); }
}
