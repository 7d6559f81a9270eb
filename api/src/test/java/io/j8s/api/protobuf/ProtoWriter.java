package io.j8s.api.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test-only protobuf encoder, to build bodies kubectl never sends (edge cases, errors). */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter tag(int field, int wireType) { return rawVarint((long) field << 3 | wireType); }

  ProtoWriter rawVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  ProtoWriter raw(int... bytes) {
    for (int b : bytes) out.write(b);
    return this;
  }

  ProtoWriter varint(int field, long v) { return tag(field, 0).rawVarint(v); }

  ProtoWriter fixed64(int field, long v) {
    tag(field, 1);
    for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)));
    return this;
  }

  ProtoWriter fixed32(int field, int v) {
    tag(field, 5);
    for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    return this;
  }

  ProtoWriter bytes(int field, byte[] b) {
    tag(field, 2).rawVarint(b.length);
    out.writeBytes(b);
    return this;
  }

  ProtoWriter string(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }

  ProtoWriter message(int field, ProtoWriter m) { return bytes(field, m.toByteArray()); }

  /** A map entry {1 key, 2 string value}. */
  ProtoWriter entry(int field, String key, String value) {
    return message(field, new ProtoWriter().string(1, key).string(2, value));
  }

  byte[] toByteArray() { return out.toByteArray(); }

  /** The k8s\0 + runtime.Unknown envelope around {@code object}. */
  static byte[] envelope(String apiVersion, String kind, ProtoWriter object) {
    ProtoWriter unknown = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, apiVersion).string(2, kind))
        .message(2, object)
        .string(3, "")
        .string(4, "");
    byte[] body = unknown.toByteArray();
    byte[] all = new byte[body.length + 4];
    all[0] = 'k';
    all[1] = '8';
    all[2] = 's';
    System.arraycopy(body, 0, all, 4, body.length);
    return all;
  }
}
