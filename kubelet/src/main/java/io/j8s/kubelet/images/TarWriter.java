package io.j8s.kubelet.images;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive in memory: directories, regular files and symbolic links, owned by
 * root, with modification time 0, so the same entries always give the same bytes (and digest).
 */
public final class TarWriter {
  static final int BLOCK = 512;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private boolean finished;

  /** A directory; {@code name} without trailing slash, e.g. {@code usr/bin}. */
  public TarWriter directory(String name, int mode) {
    header(name + "/", mode, 0, '5', "");
    return this;
  }

  public TarWriter file(String name, int mode, byte[] content) {
    header(name, mode, content.length, '0', "");
    out.writeBytes(content);
    pad(content.length);
    return this;
  }

  public TarWriter symlink(String name, String target) {
    header(name, 0777, 0, '2', target);
    return this;
  }

  /** The archive with its two closing zero blocks; no entries may be added afterwards. */
  public byte[] finish() {
    if (!finished) {
      out.writeBytes(new byte[2 * BLOCK]);
      finished = true;
    }
    return out.toByteArray();
  }

  private void header(String name, int mode, long size, char type, String link) {
    if (finished) throw new IllegalStateException("tar already finished");
    byte[] h = new byte[BLOCK];
    String prefix = "";
    String base = name;
    if (utf8(name).length > 100) { // ustar: split at a slash into prefix (<= 155 bytes) and name (<= 100)
      int cut = -1;
      for (int i = 1; i < name.length() - 1 && cut < 0; i++) {
        if (name.charAt(i) == '/' && utf8(name.substring(i + 1)).length <= 100 && utf8(name.substring(0, i)).length <= 155) cut = i;
      }
      if (cut < 0) throw new IllegalArgumentException("tar entry name too long: " + name);
      prefix = name.substring(0, cut);
      base = name.substring(cut + 1);
    }
    if (utf8(link).length > 100) throw new IllegalArgumentException("tar link target too long: " + link);
    put(h, 0, 100, utf8(base));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    for (int i = 148; i < 156; i++) h[i] = ' ';
    h[156] = (byte) type;
    put(h, 157, 100, utf8(link));
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(h, 265, 32, utf8("root"));
    put(h, 297, 32, utf8("root"));
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    put(h, 345, 155, utf8(prefix));
    long sum = 0;
    for (byte b : h) sum += b & 0xff;
    String chk = String.format("%06o", sum);
    put(h, 148, 6, chk.getBytes(StandardCharsets.US_ASCII));
    h[154] = 0;
    h[155] = ' ';
    out.writeBytes(h);
  }

  private void pad(long size) {
    int rest = (int) (size % BLOCK);
    if (rest != 0) out.writeBytes(new byte[BLOCK - rest]);
  }

  private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  private static void put(byte[] h, int off, int len, byte[] v) {
    if (v.length > len) throw new IllegalArgumentException("tar header field too long");
    System.arraycopy(v, 0, h, off, v.length);
  }

  /** {@code len - 1} octal digits and a NUL. */
  private static void octal(byte[] h, int off, int len, long v) {
    String s = Long.toOctalString(v);
    if (s.length() > len - 1) throw new IllegalArgumentException("value too large for a tar header: " + v);
    put(h, off, len, ("0".repeat(len - 1 - s.length()) + s + "\0").getBytes(StandardCharsets.US_ASCII));
  }
}
