package io.j8s.kubelet.images;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test-side ustar reader that checks what it reads: header checksums, magic, block layout, end marker. */
record TarEntries(List<Entry> entries) {
  record Entry(String name, char type, int mode, byte[] content, String link, int uid, int gid, long mtime) {}

  static TarEntries read(byte[] tar) {
    if (tar.length % 512 != 0) throw new AssertionError("tar length " + tar.length + " is not whole blocks");
    List<Entry> out = new ArrayList<>();
    int pos = 0;
    while (true) {
      byte[] h = Arrays.copyOfRange(tar, pos, pos + 512);
      if (isZero(h)) {
        if (!isZero(Arrays.copyOfRange(tar, pos + 512, pos + 1024))) throw new AssertionError("one zero block, not two");
        if (pos + 1024 != tar.length) throw new AssertionError("bytes after the end marker");
        return new TarEntries(out);
      }
      long sum = 0;
      for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
      if (sum != octal(h, 148, 8)) throw new AssertionError("bad checksum at offset " + pos);
      if (!new String(h, 257, 6, StandardCharsets.US_ASCII).equals("ustar\0")) throw new AssertionError("not ustar");
      String prefix = str(h, 345, 155);
      String name = (prefix.isEmpty() ? "" : prefix + "/") + str(h, 0, 100);
      long size = octal(h, 124, 12);
      byte[] content = Arrays.copyOfRange(tar, pos + 512, pos + 512 + (int) size);
      out.add(new Entry(name, (char) h[156], (int) octal(h, 100, 8), content, str(h, 157, 100),
          (int) octal(h, 108, 8), (int) octal(h, 116, 8), octal(h, 136, 12)));
      pos += 512 + (int) ((size + 511) / 512 * 512);
    }
  }

  Map<String, Entry> byName() {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) if (m.put(e.name(), e) != null) throw new AssertionError("duplicate entry " + e.name());
    return m;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) if (x != 0) return false;
    return true;
  }

  private static String str(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) end++;
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len) {
    String s = str(h, off, len).strip();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
