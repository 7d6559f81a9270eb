package io.j8s.dns.forward;

import io.j8s.base.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Upstream answers by (name, type, class), names compared case-insensitively. A positive answer
 * lives for its smallest TTL, a negative one (NXDOMAIN, or NOERROR without answers) for
 * min(SOA TTL, SOA minimum) and is not kept without a SOA (RFC 2308); both capped. Other rcodes
 * are not kept. A hit carries the TTLs minus the whole seconds the entry has been kept.
 */
public final class ResponseCache {
  public static final long MAX_TTL = 3600, MAX_NEGATIVE_TTL = 1800;

  record Key(Name name, int type, int dclass) {}

  record Entry(Reply reply, long storedNanos, long expiresNanos) {}

  private final Clock clock;
  private final int maxEntries;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder(), misses = new LongAdder();

  public ResponseCache(Clock clock, int maxEntries) {
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /**
   * A hit and until when (clock nanos) it stays exactly this: the end of the current whole second
   * of its age, or its expiry if sooner.
   */
  public record Lookup(Reply reply, long stableUntilNanos) {}

  public Reply get(Name name, int type, int dclass) {
    Lookup l = lookup(name, type, dclass);
    return l == null ? null : l.reply();
  }

  /** As {@link #get}, with the time the answer stays the same; counted as a hit or miss. */
  public Lookup lookup(Name name, int type, int dclass) {
    Lookup l = peek(name, type, dclass);
    (l == null ? misses : hits).increment();
    return l;
  }

  /** A lookup not counted in the hit and miss totals. */
  Lookup peek(Name name, int type, int dclass) {
    Key k = new Key(name, type, dclass);
    Entry e = entries.get(k);
    long now = clock.nanoTime();
    if (e == null || now - e.expiresNanos >= 0) {
      if (e != null) entries.remove(k, e);
      return null;
    }
    long age = (now - e.storedNanos) / 1_000_000_000L;
    long stable = Math.min(e.expiresNanos, e.storedNanos + (age + 1) * 1_000_000_000L);
    if (age == 0) return new Lookup(e.reply, stable);
    Reply r = e.reply;
    return new Lookup(new Reply(r.rcode(), aged(r.answers(), age), aged(r.authority(), age), aged(r.additional(), age)), stable);
  }

  /** Keeps {@code reply} when cacheable; returns the seconds it will be kept (0: not kept). */
  public long put(Name name, int type, int dclass, Reply reply) {
    long ttl = ttl(reply);
    if (ttl <= 0) return 0;
    if (entries.size() >= maxEntries) evict();
    long now = clock.nanoTime();
    entries.put(new Key(name, type, dclass), new Entry(reply, now, now + ttl * 1_000_000_000L));
    return ttl;
  }

  /** Seconds {@code reply} may be kept. */
  static long ttl(Reply reply) {
    boolean negative = reply.rcode() == Rcode.NXDOMAIN || (reply.rcode() == Rcode.NOERROR && reply.answers().isEmpty());
    if (negative) {
      for (Record r : reply.authority()) {
        if (r instanceof SOARecord soa) return Math.min(MAX_NEGATIVE_TTL, Math.min(soa.getTTL(), soa.getMinimum()));
      }
      return 0;
    }
    if (reply.rcode() != Rcode.NOERROR) return 0;
    long min = MAX_TTL;
    for (Record r : reply.answers()) min = Math.min(min, r.getTTL());
    for (Record r : reply.authority()) min = Math.min(min, r.getTTL());
    return min;
  }

  private void evict() {
    long now = clock.nanoTime();
    entries.values().removeIf(e -> now - e.expiresNanos >= 0);
    Iterator<Key> it = entries.keySet().iterator();
    while (entries.size() >= maxEntries && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static List<Record> aged(List<Record> records, long age) {
    List<Record> out = new ArrayList<>(records.size());
    for (Record r : records) {
      if (r.getType() == Type.OPT) continue;
      out.add(Record.newRecord(r.getName(), r.getType(), r.getDClass(), Math.max(0, r.getTTL() - age), r.rdataToWireCanonical()));
    }
    return out;
  }

  public Clock clock() { return clock; }

  public long hits() { return hits.sum(); }

  public long misses() { return misses.sum(); }

  public int size() { return entries.size(); }
}
