package io.j8s.kubelet.server;

/**
 * What a kubelet API request asks for, in upstream's terms: verb from the HTTP method (GET and
 * HEAD get, POST create, PUT update, PATCH patch, DELETE delete; so exec and port-forward over
 * WebSocket are get, over SPDY create), on {@code nodes/<subresource>} named after the node, the
 * subresource from the path: {@code /stats/*} stats, {@code /metrics*} metrics, {@code /logs/*}
 * log, {@code /spec/*} spec, {@code /checkpoint/*} checkpoint, anything else proxy; pure.
 */
public record RequestAttributes(String verb, String resource, String subresource, String name) {
  public static RequestAttributes of(String method, String path, String nodeName) {
    String verb = switch (method) {
      case "GET", "HEAD" -> "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
    String p = path.startsWith("/") ? path : "/" + path;
    String sub = "proxy";
    if (is(p, "/stats")) sub = "stats";
    else if (is(p, "/metrics")) sub = "metrics";
    else if (is(p, "/logs")) sub = "log";
    else if (is(p, "/spec")) sub = "spec";
    else if (is(p, "/checkpoint")) sub = "checkpoint";
    return new RequestAttributes(verb, "nodes", sub, nodeName);
  }

  private static boolean is(String path, String prefix) { return path.equals(prefix) || path.startsWith(prefix + "/"); }

  /** Upstream's 403 body: {@code Forbidden (user=..., verb=..., resource=..., subresource=...)}. */
  public String forbidden(String user) {
    return "Forbidden (user=" + user + ", verb=" + verb + ", resource=" + resource + ", subresource=" + subresource + ")";
  }
}
