package io.j8s.proxy.iptables;

/** The four parts of a payload being rendered (chain declarations first, then rules, per table) with rule counts. */
final class Buffers {
  final StringBuilder filterChains;
  final StringBuilder filterRules;
  final StringBuilder natChains;
  final StringBuilder natRules;
  long filterCount;
  long natCount;

  /** Sized for a whole payload. */
  Buffers() {
    this(1 << 12, 1 << 16, 1 << 20);
  }

  private Buffers(int filterRules, int natChains, int natRules) {
    this.filterChains = new StringBuilder();
    this.filterRules = new StringBuilder(filterRules);
    this.natChains = new StringBuilder(natChains);
    this.natRules = new StringBuilder(natRules);
  }

  /** Sized for one Service port's captures. */
  static Buffers small() {
    return new Buffers(256, 0, 512);
  }

  void filter(String... parts) {
    line(filterRules, parts);
    filterCount++;
  }

  void nat(String... parts) {
    line(natRules, parts);
    natCount++;
  }

  void natChain(String chain) {
    natChains.append(':').append(chain).append(" - [0:0]\n");
  }

  private static void line(StringBuilder b, String... parts) {
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) b.append(' ');
      b.append(parts[i]);
    }
    b.append('\n');
  }

  /** A comment argument as iptables-restore reads it: quoted when it has spaces. */
  static String quote(String comment) {
    return comment.indexOf(' ') >= 0 ? "\"" + comment + "\"" : comment;
  }
}
