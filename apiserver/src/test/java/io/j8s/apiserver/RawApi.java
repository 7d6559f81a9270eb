package io.j8s.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.j8s.testkit.server.ClusterTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Plain HTTPS requests to a test server, authenticated with its node token. */
public final class RawApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http;
  private final URI base;
  private final String token;

  public record Response(int code, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public RawApi(URI base, Path dataDir) throws Exception {
    this.base = base;
    this.token = ClusterTrust.adminToken(dataDir);
    SSLContext ctx = ClusterTrust.sslContext(dataDir);
    this.http = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Starts a streamed GET (a watch) and returns its body as lines, read as they arrive. */
  java.util.Iterator<String> stream(String path) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
    HttpResponse<java.util.stream.Stream<String>> resp = http.send(r, HttpResponse.BodyHandlers.ofLines());
    if (resp.statusCode() != 200) throw new AssertionError(path + " -> " + resp.statusCode());
    return resp.body().iterator();
  }

  Response send(String method, String path, String contentType, byte[] body, boolean authenticated) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) b.header("Content-Type", contentType);
    if (authenticated) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  public Response send(String method, String path, String contentType, String body) throws Exception {
    return send(method, path, contentType, body == null ? null : body.getBytes(), true);
  }

  public Response get(String path) throws Exception { return send("GET", path, null, (byte[]) null, true); }

  Response getWith(String path, String header, String value) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).header(header, value).build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    return new Response(resp.statusCode(), resp.body());
  }
}
