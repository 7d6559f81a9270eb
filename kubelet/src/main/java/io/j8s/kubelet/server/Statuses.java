package io.j8s.kubelet.server;

import java.nio.charset.StandardCharsets;

/** Errors as Kubernetes {@code Status} JSON, which the API server passes on to its client as they are. */
final class Statuses {
  private Statuses() {}

  static void fail(KubeletExchange ex, int code, String message) {
    String reason = switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 502, 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
    String json = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
        + quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    ex.respond(code, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
