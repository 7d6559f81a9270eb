package io.j8s.api.protobuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format from a slice of a byte array: tags, varints, fixed 64/32-bit values
 * and length-delimited payloads. Sub-readers share the array, so byte offsets in errors are
 * offsets into the whole body. Errors are {@link ProtobufException}s prefixed with {@code label}
 * and, when set, the field path being read ({@link #where}).
 */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private final int limit;
  private final String label;
  private int pos;
  /** Field path for error messages; set by the decoder before reading a field's value. */
  String where = "";

  WireReader(byte[] buf, int offset, int limit, String label) {
    if (offset < 0 || limit > buf.length || offset > limit) throw new IllegalArgumentException("bad slice");
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
    this.label = label;
  }

  /** The unread rest of this slice, reporting errors under another label (offsets stay absolute). */
  WireReader relabel(String newLabel) { return new WireReader(buf, pos, limit, newLabel); }

  boolean atEnd() { return pos >= limit; }

  int position() { return pos; }

  /** Reads a field key; returns {@code number << 3 | wireType}. Rejects field number 0 and groups. */
  int readTag() {
    int start = pos;
    long key = readVarint();
    long number = key >>> 3;
    int wireType = (int) (key & 7);
    if (number == 0 || number > 0x1FFFFFFFL) throw error("invalid field number " + number + " at byte " + start);
    if (wireType == 3 || wireType == 4 || wireType > 5) {
      throw error("unsupported wire type " + wireType + " for field " + number + " at byte " + start);
    }
    return (int) key;
  }

  /** Reads a base-128 varint of at most 10 bytes as an unsigned 64-bit value (two's complement). */
  long readVarint() {
    int start = pos;
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) throw error("truncated varint at byte " + start);
      int b = buf[pos++] & 0xFF;
      if (shift == 63 && b > 1) throw error("varint overflows 64 bits at byte " + start);
      result |= (long) (b & 0x7F) << shift;
      if (b < 0x80) return result;
    }
    throw error("varint longer than 10 bytes at byte " + start);
  }

  long readFixed64() {
    need(8, "64-bit value");
    long v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | (buf[pos + i] & 0xFF);
    pos += 8;
    return v;
  }

  int readFixed32() {
    need(4, "32-bit value");
    int v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | (buf[pos + i] & 0xFF);
    pos += 4;
    return v;
  }

  /** Reads a length prefix and returns a reader over the payload, advancing past it. */
  WireReader readLengthDelimited() {
    int start = pos;
    long len = readVarint();
    if (len < 0 || len > limit - pos) {
      throw error("length " + Long.toUnsignedString(len) + " at byte " + start + " runs past the end of its message (byte " + limit + ")");
    }
    WireReader sub = new WireReader(buf, pos, pos + (int) len, label);
    sub.where = where;
    pos += (int) len;
    return sub;
  }

  byte[] readBytes() { return readLengthDelimited().remaining(); }

  /** Go strings may hold any bytes; invalid UTF-8 becomes U+FFFD as in Go's JSON encoder. */
  String readString() { return new String(readBytes(), StandardCharsets.UTF_8); }

  /** The unread rest of this reader's slice, consuming it. */
  byte[] remaining() {
    byte[] out = java.util.Arrays.copyOfRange(buf, pos, limit);
    pos = limit;
    return out;
  }

  /** Skips a value of the given wire type. */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> readFixed64();
      case LEN -> readLengthDelimited();
      case FIXED32 -> readFixed32();
      default -> throw error("cannot skip wire type " + wireType);
    }
  }

  private void need(int n, String what) {
    if (limit - pos < n) throw error("truncated " + what + " at byte " + pos);
  }

  ProtobufException error(String message) {
    return new ProtobufException(label + ": " + message + (where.isEmpty() ? "" : " (in " + where + ")"));
  }

  static String wireTypeName(int wireType) {
    return switch (wireType) {
      case VARINT -> "varint";
      case FIXED64 -> "64-bit";
      case LEN -> "length-delimited";
      case FIXED32 -> "32-bit";
      default -> "wire type " + wireType;
    };
  }
}
