package io.j8s.kubelet.server;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The query of a {@code /containerLogs} request, as upstream's PodLogOptions.
 *
 * @param sinceSeconds null when not given
 * @param sinceTime    null when not given
 * @param tailLines    null for all lines
 * @param limitBytes   null for no limit
 */
record LogOptions(boolean follow, boolean previous, boolean timestamps, Long sinceSeconds, Instant sinceTime,
    Long tailLines, Long limitBytes) {

  static final LogOptions DEFAULT = new LogOptions(false, false, false, null, null, null, null);

  /** Parses the query; an invalid value is an {@link IllegalArgumentException} with upstream's message. */
  static LogOptions parse(Map<String, List<String>> q) {
    Long sinceSeconds = number(q, "sinceSeconds");
    Instant sinceTime = null;
    String st = last(q, "sinceTime");
    if (st != null && !st.isEmpty()) {
      try {
        sinceTime = OffsetDateTime.parse(st).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("sinceTime: invalid RFC3339 time \"" + st + "\"");
      }
    }
    if (sinceSeconds != null && sinceTime != null) throw new IllegalArgumentException("at most one of `sinceTime` or `sinceSeconds` may be specified");
    if (sinceSeconds != null && sinceSeconds < 1) throw new IllegalArgumentException("sinceSeconds: Invalid value: " + sinceSeconds + ": must be greater than 0");
    Long tail = number(q, "tailLines");
    if (tail != null && tail < 0) throw new IllegalArgumentException("tailLines: Invalid value: " + tail + ": must be greater than or equal to 0");
    Long limit = number(q, "limitBytes");
    if (limit != null && limit < 1) throw new IllegalArgumentException("limitBytes: Invalid value: " + limit + ": must be greater than 0");
    return new LogOptions(bool(q, "follow"), bool(q, "previous"), bool(q, "timestamps"), sinceSeconds, sinceTime, tail, limit);
  }

  /** The earliest time a line may have, or null. */
  Instant since(Instant now) {
    if (sinceTime != null) return sinceTime;
    return sinceSeconds == null ? null : now.minusSeconds(sinceSeconds);
  }

  /** As upstream's query parameters: "true", "1", "t" (any case) are true; absent or empty false. */
  static boolean bool(Map<String, List<String>> q, String name) {
    String v = last(q, name);
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("t"));
  }

  private static Long number(Map<String, List<String>> q, String name) {
    String v = last(q, name);
    if (v == null || v.isEmpty()) return null;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": invalid integer \"" + v + "\"");
    }
  }

  static String last(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }
}
