package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.Quantity;

/** Byte counts as the canonical quantities upstream prints: the largest binary suffix that divides exactly. */
final class Quantities {
  private static final String[] SUFFIX = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private Quantities() {}

  static Quantity bytes(long n) {
    return new Quantity(bytesText(n));
  }

  static String bytesText(long n) {
    if (n <= 0) return "0";
    int i = 0;
    long v = n;
    while (i < SUFFIX.length - 1 && v % 1024 == 0) {
      v /= 1024;
      i++;
    }
    return v + SUFFIX[i];
  }

  static Quantity count(long n) {
    return new Quantity(Long.toString(n));
  }
}
