package io.j8s.dns.server;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encoded cluster answers by the exact query bytes after the ID (flags, counts, question with
 * its spelling, EDNS record) and transport, valid only for the snapshot they were computed from
 * (cluster names) or until a deadline (forwarded names: while the cached TTLs stay the same): a
 * repeated question costs a hash lookup and a copy with the new ID. Cleared when full.
 */
final class AnswerBytesCache {
  static final int MAX_QUERY = 512;

  private record Key(byte[] query, boolean udp, int hash) {
    static Key of(byte[] q, boolean udp) {
      int h = udp ? 1 : 2;
      for (int i = 2; i < q.length; i++) h = 31 * h + q[i];
      return new Key(q, udp, h);
    }

    @Override public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && k.udp == udp && Arrays.equals(k.query, 2, k.query.length, query, 2, query.length);
    }

    @Override public int hashCode() { return hash; }
  }

  record Hit(byte[] answer, int rcode) {}

  /** {@code token} non-null: valid while it is the current snapshot; else valid before {@code untilNanos}. */
  private record Entry(Object token, long untilNanos, byte[] answer, int rcode) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final int maxEntries;

  AnswerBytesCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The answer for {@code query} under {@code snapshot} at {@code nowNanos} with the query's ID, or null. */
  Hit get(byte[] query, boolean udp, Object snapshot, long nowNanos) {
    if (query.length > MAX_QUERY) return null;
    Entry e = entries.get(Key.of(query, udp));
    if (e == null || (e.token != null ? e.token != snapshot : nowNanos - e.untilNanos >= 0)) return null;
    byte[] out = e.answer.clone();
    out[0] = query[0];
    out[1] = query[1];
    return new Hit(out, e.rcode);
  }

  void put(byte[] query, boolean udp, Object snapshot, byte[] answer, int rcode) {
    put(query, udp, new Entry(snapshot, 0, answer.clone(), rcode));
  }

  void putUntil(byte[] query, boolean udp, long untilNanos, byte[] answer, int rcode) {
    put(query, udp, new Entry(null, untilNanos, answer.clone(), rcode));
  }

  private void put(byte[] query, boolean udp, Entry e) {
    if (query.length > MAX_QUERY) return;
    if (entries.size() >= maxEntries) entries.clear();
    entries.put(Key.of(query.clone(), udp), e);
  }
}
