package io.j8s.kubelet.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the bytes of a CRI log file ({@code <RFC3339Nano> <stdout|stderr> <F|P>[:tags] <text>\n}
 * per record) into whole log lines, fed in arbitrary pieces: a record cut by the end of what was
 * read so far waits for the rest, and partial ({@code P}) records are joined, per stream, with the
 * records that follow up to the full ({@code F}) one; the line carries the first record's time.
 * Records that do not parse are skipped, as upstream's kubelet does.
 */
final class CriLogParser {
  /** A whole log line; {@code content} ends with a newline. */
  record Line(Instant time, String stream, byte[] content) {
    String text() { return new String(content, StandardCharsets.UTF_8); }
  }

  /** One record of the file. */
  record Record(Instant time, String stream, boolean partial, byte[] content) {}

  private final ByteArrayOutputStream pendingRecord = new ByteArrayOutputStream();
  private final Map<String, Partial> partials = new HashMap<>();

  private static final class Partial {
    final Instant time;
    final ByteArrayOutputStream content = new ByteArrayOutputStream();
    Partial(Instant time) { this.time = time; }
  }

  /** Feeds bytes; returns the lines they complete, in file order. */
  List<Line> feed(byte[] bytes, int off, int len) {
    List<Line> out = new ArrayList<>();
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (bytes[i] != '\n') continue;
      byte[] rec;
      if (pendingRecord.size() > 0) {
        pendingRecord.write(bytes, start, i - start);
        rec = pendingRecord.toByteArray();
        pendingRecord.reset();
      } else {
        rec = java.util.Arrays.copyOfRange(bytes, start, i);
      }
      start = i + 1;
      Record r = parse(rec);
      if (r != null) join(r, out);
    }
    pendingRecord.write(bytes, start, off + len - start);
    return out;
  }

  List<Line> feed(byte[] bytes) { return feed(bytes, 0, bytes.length); }

  private void join(Record r, List<Line> out) {
    Partial p = partials.get(r.stream());
    if (r.partial()) {
      if (p == null) partials.put(r.stream(), p = new Partial(r.time()));
      p.content.writeBytes(r.content());
      return;
    }
    byte[] content;
    Instant time = r.time();
    if (p != null) {
      partials.remove(r.stream());
      p.content.writeBytes(r.content());
      content = p.content.toByteArray();
      time = p.time;
    } else {
      content = r.content();
    }
    byte[] line = java.util.Arrays.copyOf(content, content.length + 1);
    line[content.length] = '\n';
    out.add(new Line(time, r.stream(), line));
  }

  /** One record (without its newline), or null when it is not in the CRI format. */
  static Record parse(byte[] rec) {
    int s1 = indexOf(rec, ' ', 0);
    if (s1 < 0) return null;
    int s2 = indexOf(rec, ' ', s1 + 1);
    if (s2 < 0) return null;
    int s3 = indexOf(rec, ' ', s2 + 1);
    int tagEnd = s3 < 0 ? rec.length : s3;
    Instant time;
    try {
      time = OffsetDateTime.parse(new String(rec, 0, s1, StandardCharsets.US_ASCII)).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    String stream = new String(rec, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
    if (!stream.equals("stdout") && !stream.equals("stderr")) return null;
    String tags = new String(rec, s2 + 1, tagEnd - s2 - 1, StandardCharsets.US_ASCII);
    String first = tags.contains(":") ? tags.substring(0, tags.indexOf(':')) : tags;
    if (!first.equals("F") && !first.equals("P")) return null;
    byte[] content = s3 < 0 ? new byte[0] : java.util.Arrays.copyOfRange(rec, s3 + 1, rec.length);
    return new Record(time, stream, first.equals("P"), content);
  }

  private static int indexOf(byte[] b, char c, int from) {
    for (int i = from; i < b.length; i++) if (b[i] == c) return i;
    return -1;
  }
}
