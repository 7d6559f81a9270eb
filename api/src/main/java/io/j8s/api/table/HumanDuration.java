package io.j8s.api.table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Ages as kubectl shows them: about two or three significant figures ("45s", "3m2s", "15m", "5h",
 * "7h5m", "2d3h", "40d", "3y20d"). Up to a second in the future reads "0s"; further is "<invalid>".
 */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration d) {
    long seconds = d.toMillis() / 1000; // truncates toward zero, like Go's int(d.Seconds())
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 60 * 2) return seconds + "s";
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 60 * 3) return minutes + "m";
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) return hours + "h";
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) return hours / 24 + "d";
    if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The age of an RFC 3339 timestamp at {@code now}; "<unknown>" when absent or unreadable. */
  public static String since(String timestamp, Instant now) {
    Instant t = parse(timestamp);
    return t == null ? "<unknown>" : format(Duration.between(t, now));
  }

  /** An RFC 3339 timestamp, or null when empty or malformed. */
  static Instant parse(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) return null;
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
