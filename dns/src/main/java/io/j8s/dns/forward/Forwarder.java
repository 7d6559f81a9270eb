package io.j8s.dns.forward;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Asks the upstream resolvers in order (the next one after a failure or timeout), through
 * dnsjava's resolver: UDP with EDNS (1232 bytes), again over TCP when the UDP answer is
 * truncated. Answers go through the cache; concurrent questions for one key share one upstream
 * query. All upstreams failing gives SERVFAIL (not cached).
 */
public final class Forwarder {
  public static final int EDNS_PAYLOAD = 1232;

  private final List<SimpleResolver> upstreams = new ArrayList<>();
  private final ResponseCache cache;
  private final Executor executor;
  private final Map<ResponseCache.Key, CompletableFuture<Reply>> inFlight = new ConcurrentHashMap<>();

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
    Reply hit = cache.get(name, type, dclass);
    if (hit != null) return CompletableFuture.completedFuture(hit);
    ResponseCache.Key key = new ResponseCache.Key(name, type, dclass);
    CompletableFuture<Reply> mine = new CompletableFuture<>();
    CompletableFuture<Reply> running = inFlight.putIfAbsent(key, mine);
    if (running != null) return running;
    ask(Message.newQuery(Record.newRecord(name, type, dclass)), 0).whenComplete((reply, err) -> {
      Reply r = err != null ? new Reply(Rcode.SERVFAIL, List.of(), List.of(), List.of()) : reply;
      if (err == null) cache.put(name, type, dclass, r);
      inFlight.remove(key, mine);
      mine.complete(r);
    });
    return mine;
  }

  private CompletableFuture<Reply> ask(Message query, int index) {
    if (index >= upstreams.size()) return CompletableFuture.failedFuture(new IllegalStateException("no upstream answered"));
    return upstreams.get(index).sendAsync(query, executor).toCompletableFuture()
        .thenApply(Forwarder::reply)
        .handle((r, err) -> err == null && r.rcode() != Rcode.SERVFAIL && r.rcode() != Rcode.REFUSED
            ? CompletableFuture.completedFuture(r)
            : index + 1 < upstreams.size() || err != null ? ask(query, index + 1) : CompletableFuture.completedFuture(r))
        .thenCompose(f -> f);
  }

  static Reply reply(Message m) {
    List<Record> additional = m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() != Type.OPT).toList();
    return new Reply(m.getRcode(), m.getSection(Section.ANSWER), m.getSection(Section.AUTHORITY), additional);
  }
}
