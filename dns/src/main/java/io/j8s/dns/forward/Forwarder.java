package io.j8s.dns.forward;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Asks the upstream resolvers in order (the next one after a failure or timeout), through
 * dnsjava's resolver, starting with the one that answered last: UDP with EDNS (1232 bytes), again over TCP when the UDP answer is
 * truncated. Answers go through the cache; concurrent questions for one key share one upstream
 * query. All upstreams failing gives SERVFAIL (not cached).
 */
public final class Forwarder {
  public static final int EDNS_PAYLOAD = 1232;

  private final List<SimpleResolver> upstreams = new ArrayList<>();
  private final ResponseCache cache;
  private final Executor executor;
  private final Map<ResponseCache.Key, CompletableFuture<Reply>> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger preferred = new AtomicInteger();

  /** @param executor where upstream answers are handled (never the common pool) */
  public Forwarder(List<InetSocketAddress> servers, ResponseCache cache, Duration timeout, Executor executor) {
    for (InetSocketAddress a : servers) {
      SimpleResolver r = new SimpleResolver(a);
      r.setTimeout(timeout);
      r.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
      upstreams.add(r);
    }
    this.cache = cache;
    this.executor = executor;
  }

  public ResponseCache cache() { return cache; }

  public boolean hasUpstreams() { return !upstreams.isEmpty(); }

  public CompletableFuture<Reply> resolve(Name name, int type, int dclass) {
    ResponseCache.Lookup hit = cache.peek(name, type, dclass); // callers counted their own lookup
    if (hit != null) return CompletableFuture.completedFuture(hit.reply());
    ResponseCache.Key key = new ResponseCache.Key(name, type, dclass);
    CompletableFuture<Reply> mine = new CompletableFuture<>();
    CompletableFuture<Reply> running = inFlight.putIfAbsent(key, mine);
    if (running != null) return running;
    ask(Message.newQuery(Record.newRecord(name, type, dclass)), preferred.get(), 0).whenComplete((reply, err) -> {
      Reply r = err != null ? new Reply(Rcode.SERVFAIL, List.of(), List.of(), List.of()) : reply;
      if (err == null) cache.put(name, type, dclass, r);
      inFlight.remove(key, mine);
      mine.complete(r);
    });
    return mine;
  }

  /** Asks upstream {@code (first + attempt) % n}; the one that answers is asked first next time. */
  private CompletableFuture<Reply> ask(Message query, int first, int attempt) {
    int n = upstreams.size();
    if (attempt >= n) return CompletableFuture.failedFuture(new IllegalStateException("no upstream answered"));
    int index = (first + attempt) % n;
    return upstreams.get(index).sendAsync(query, executor).toCompletableFuture()
        .thenApply(Forwarder::reply)
        .handle((r, err) -> {
          boolean good = err == null && r.rcode() != Rcode.SERVFAIL && r.rcode() != Rcode.REFUSED;
          if (good) preferred.set(index);
          return good || (err == null && attempt + 1 >= n) ? CompletableFuture.completedFuture(r) : ask(query, first, attempt + 1);
        })
        .thenCompose(f -> f);
  }

  static Reply reply(Message m) {
    List<Record> additional = m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() != Type.OPT).toList();
    return new Reply(m.getRcode(), m.getSection(Section.ANSWER), m.getSection(Section.AUTHORITY), additional);
  }
}
