package io.j8s.kubelet.prober;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP GET probe as upstream's: one request per check on a fresh connection (Connection:
 * close, so probes hold no sockets in the pod), {@code User-Agent: kube-probe/1.32}, HTTPS without
 * certificate verification, redirects followed up to 10 times on the same host (a redirect to
 * another host counts as success), status 200-399 is success. Only the status line and headers are
 * read.
 */
final class HttpGetCheck {
  static final String USER_AGENT = "kube-probe/1.32";
  private static final int MAX_REDIRECTS = 10;

  private HttpGetCheck() {}

  static ProbeOutcome run(ProbeSpec.HttpGet get, String podIp, Duration timeout) {
    String host = get.host().isEmpty() ? podIp : get.host();
    URI uri = URI.create(get.scheme().toLowerCase(Locale.ROOT) + "://" + hostPort(host, get.port()) + get.path());
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int redirects = 0; ; redirects++) {
      Response r;
      try {
        r = exchange(uri, get, deadline);
      } catch (SocketTimeoutException e) {
        return ProbeOutcome.failure("Get \"" + uri + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
      } catch (IOException e) {
        return ProbeOutcome.failure("Get \"" + uri + "\": dial tcp " + hostPort(uri.getHost(), port(uri)) + ": " + describe(e));
      }
      if (r.status() >= 300 && r.status() < 400 && r.location() != null && redirects < MAX_REDIRECTS) {
        URI next = uri.resolve(r.location());
        if (next.getHost() == null || !next.getHost().equalsIgnoreCase(uri.getHost())) return ProbeOutcome.success(); // upstream: a warning, counted as success
        uri = next;
        continue;
      }
      if (r.status() >= 200 && r.status() < 400) return ProbeOutcome.success();
      return ProbeOutcome.failure("HTTP probe failed with statuscode: " + r.status());
    }
  }

  private record Response(int status, String location) {}

  private static Response exchange(URI uri, ProbeSpec.HttpGet get, long deadlineNanos) throws IOException {
    int port = port(uri);
    try (Socket socket = open(uri, port, deadlineNanos)) {
      StringBuilder req = new StringBuilder();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
      req.append("GET ").append(path).append(" HTTP/1.1\r\n");
      boolean host = false, agent = false, accept = false;
      for (ProbeSpec.Header h : get.headers()) {
        host |= h.name().equalsIgnoreCase("Host");
        agent |= h.name().equalsIgnoreCase("User-Agent");
        accept |= h.name().equalsIgnoreCase("Accept");
        req.append(h.name()).append(": ").append(h.value()).append("\r\n");
      }
      if (!host) req.append("Host: ").append(hostPort(uri.getHost(), port)).append("\r\n");
      if (!agent) req.append("User-Agent: ").append(USER_AGENT).append("\r\n");
      if (!accept) req.append("Accept: */*\r\n");
      req.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.setSoTimeout(remainingMillis(deadlineNanos));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String statusLine = in.readLine();
      if (statusLine == null) throw new IOException("server closed the connection without a response");
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("malformed HTTP response \"" + statusLine + "\"");
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("malformed HTTP status code \"" + parts[1] + "\"");
      }
      String location = null;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Location")) location = line.substring(colon + 1).trim();
      }
      return new Response(status, location);
    }
  }

  private static Socket open(URI uri, int port, long deadlineNanos) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(uri.getHost(), port), remainingMillis(deadlineNanos));
      if (!uri.getScheme().equals("https")) return plain;
      SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, uri.getHost(), port, true);
      tls.setSoTimeout(remainingMillis(deadlineNanos));
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
    long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (ms <= 0) throw new SocketTimeoutException("probe timeout");
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  static String describe(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.toLowerCase(Locale.ROOT).contains("refused") ? "connect: connection refused" : m;
  }

  private static SSLContext trustAll() throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
      }}, null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for the probe", e);
    }
  }
}
