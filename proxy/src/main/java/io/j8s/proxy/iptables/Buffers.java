package io.j8s.proxy.iptables;

/** The four parts of a payload being rendered (chain declarations first, then rules, per table) with rule counts. */
final class Buffers {
  final StringBuilder filterChains = new StringBuilder();
  final StringBuilder filterRules = new StringBuilder(1 << 12);
  final StringBuilder natChains = new StringBuilder(1 << 16);
  final StringBuilder natRules = new StringBuilder(1 << 20);
  long filterCount;
  long natCount;

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
