package io.j8s.proxy.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shapes an {@code iptables-restore --noflush} payload for the tool that applies it, without
 * changing what the rules do (pure; chains are keyed {@code "table/chain"}):
 * <ul>
 * <li>{@link #chains}: the rules a payload writes into each chain it declares;
 * <li>{@link #without}: the payload minus some chains (declaration and rules), which
 *     {@code --noflush} then leaves exactly as they are: a partial sync leaves out the top-level
 *     chains whose rules did not change, so one endpoint change does not rewrite KUBE-SERVICES'
 *     10,000 rules;
 * <li>{@link #tableWide}: a chain-less {@code -Z} first in every table section that declares at
 *     least {@code threshold} chains. iptables-nft 1.8 (nft-cache.c) keeps the names of the
 *     chains a restore mentions in a sorted linked list (one insert per command, quadratic) and
 *     then fetches each with its own netlink request, unless some command names no chain: then
 *     it reads all chains in one dump. 1,000 services (11,000 chains, 35,000 rules) restore in
 *     2.7 s instead of 10.7 s on this machine. {@code -Z} without a chain zeroes the table's
 *     counters; with the nft backend at the chain cache level a restore asks for, that is the
 *     built-in chains' policy counters only (rule counters are not fetched, so not zeroed).
 * </ul>
 */
final class RestorePayload {
  /** Declared chains from which a table section gets the table-wide first command. */
  static final int TABLE_WIDE_THRESHOLD = 1000;

  private RestorePayload() {}

  /**
   * For each chain the payload declares, does not delete and {@code keep} accepts (given the chain
   * name), its rules ({@code -A} lines) in order.
   */
  static Map<String, List<String>> chains(String payload, Predicate<String> keep) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String table = "";
    for (int at = 0, end; at < payload.length(); at = end + 1) {
      end = lineEnd(payload, at);
      char c = payload.charAt(at);
      if (c == '*') {
        table = payload.substring(at + 1, end).trim();
      } else if (c == ':') {
        String chain = word(payload, at + 1, end);
        if (keep.test(chain)) out.put(table + "/" + chain, new ArrayList<>());
      } else if (payload.startsWith("-A ", at)) {
        String chain = word(payload, at + 3, end);
        List<String> rules = keep.test(chain) ? out.get(table + "/" + chain) : null;
        if (rules != null) rules.add(payload.substring(at, end));
      } else if (payload.startsWith("-X ", at)) {
        out.remove(table + "/" + payload.substring(at + 3, end).trim());
      }
    }
    return out;
  }

  /** The payload without the declarations and rules of {@code skip} (keys {@code "table/chain"}). */
  static String without(String payload, Set<String> skip) {
    if (skip.isEmpty()) return payload;
    StringBuilder b = new StringBuilder(payload.length());
    String table = "";
    for (int at = 0, end; at < payload.length(); at = end + 1) {
      end = lineEnd(payload, at);
      char c = payload.charAt(at);
      if (c == '*') table = payload.substring(at + 1, end).trim();
      boolean drop = c == ':' && skip.contains(table + "/" + word(payload, at + 1, end))
          || payload.startsWith("-A ", at) && skip.contains(table + "/" + word(payload, at + 3, end));
      if (!drop) b.append(payload, at, end).append('\n');
    }
    return b.toString();
  }

  /** The payload with {@code -Z} as first command of each table section declaring at least {@code threshold} chains. */
  static String tableWide(String payload, int threshold) {
    StringBuilder b = new StringBuilder(payload.length() + 16);
    int declared = 0;
    int sectionStart = -1;
    for (int at = 0, end; at < payload.length(); at = end + 1) {
      end = lineEnd(payload, at);
      if (payload.charAt(at) == '*') {
        declared = 0;
        sectionStart = b.length() + end - at + 1;
      } else if (payload.charAt(at) == ':') {
        declared++;
      } else if (payload.startsWith("COMMIT", at) && sectionStart >= 0 && declared >= threshold) {
        b.insert(sectionStart, "-Z\n");
      }
      b.append(payload, at, end).append('\n');
    }
    return b.toString();
  }

  private static int lineEnd(String s, int from) {
    int nl = s.indexOf('\n', from);
    return nl < 0 ? s.length() : nl;
  }

  /** The word starting at {@code from}, up to a space or {@code end}. */
  private static String word(String s, int from, int end) {
    int sp = s.indexOf(' ', from);
    return s.substring(from, sp < 0 || sp > end ? end : sp);
  }
}
