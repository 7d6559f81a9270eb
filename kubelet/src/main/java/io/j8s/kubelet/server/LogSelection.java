package io.j8s.kubelet.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Which log lines a request gets and their bytes: lines older than {@code since} are dropped,
 * {@code tailLines} keeps the last lines of what the file held when the request came (the
 * backlog; lines followed after it all pass), {@code timestamps} prefixes each line with its
 * time (RFC3339Nano, as upstream prints it) and {@code limitBytes} cuts the output, mid-line if
 * need be, and ends it.
 */
final class LogSelection {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final LogOptions options;
  private final Instant since;
  private final ArrayDeque<CriLogParser.Line> tail;
  private boolean backlogDone;
  private long bytesLeft;

  LogSelection(LogOptions options, Instant now) {
    this.options = options;
    this.since = options.since(now);
    this.tail = options.tailLines() == null ? null : new ArrayDeque<>();
    this.bytesLeft = options.limitBytes() == null ? Long.MAX_VALUE : options.limitBytes();
  }

  /** The bytes to write for this line now (none while the tail of the backlog is being collected). */
  List<byte[]> offer(CriLogParser.Line line) {
    if (since != null && line.time().isBefore(since)) return List.of();
    if (tail != null && !backlogDone) {
      if (options.tailLines() == 0) return List.of();
      if (tail.size() == options.tailLines()) tail.removeFirst();
      tail.addLast(line);
      return List.of();
    }
    return render(List.of(line));
  }

  /** The backlog has been read: what the tail kept. */
  List<byte[]> endOfBacklog() {
    backlogDone = true;
    if (tail == null) return List.of();
    List<byte[]> out = render(List.copyOf(tail));
    tail.clear();
    return out;
  }

  /** True once limitBytes has been written: the response ends. */
  boolean full() { return bytesLeft <= 0; }

  private List<byte[]> render(List<CriLogParser.Line> lines) {
    List<byte[]> out = new ArrayList<>();
    for (CriLogParser.Line l : lines) {
      if (full()) break;
      byte[] b = l.content();
      if (options.timestamps()) {
        byte[] ts = (format(l.time()) + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[ts.length + b.length];
        System.arraycopy(ts, 0, both, 0, ts.length);
        System.arraycopy(b, 0, both, ts.length, b.length);
        b = both;
      }
      if (b.length > bytesLeft) b = java.util.Arrays.copyOf(b, (int) bytesLeft);
      bytesLeft -= b.length;
      out.add(b);
    }
    return out;
  }

  /** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none when zero. */
  static String format(Instant t) {
    String s = SECONDS.format(t);
    int nanos = t.getNano();
    if (nanos == 0) return s + "Z";
    String frac = String.format("%09d", nanos).replaceAll("0+$", "");
    return s + "." + frac + "Z";
  }
}
