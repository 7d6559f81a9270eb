package io.j8s.kubelet.volume;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One file of a configMap, secret, downwardAPI or projected volume: its bytes and its permission bits. */
public record FileProjection(byte[] data, int mode) {
  public FileProjection {
    data = data.clone();
  }

  public static FileProjection text(String s, int mode) {
    return new FileProjection(s.getBytes(StandardCharsets.UTF_8), mode);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileProjection f && f.mode == mode && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + mode;
  }

  @Override
  public String toString() {
    return "FileProjection[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
  }
}
