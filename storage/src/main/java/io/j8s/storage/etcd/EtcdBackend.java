package io.j8s.storage.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link Backend} on a real etcd cluster. */
public final class EtcdBackend implements Backend {
  private final Client client;
  private final KV kv;
  private final String endpoints;
  /** Newest compaction known here: our own, or recorded by another server under COMPACT_KEY. */
  private final java.util.concurrent.atomic.AtomicLong compacted = new java.util.concurrent.atomic.AtomicLong();
  /** Where compact() records its revision, outside /registry/ so listings never see it. */
  static final String COMPACT_KEY = "/j8s/meta/compact-revision";

  public EtcdBackend(List<String> endpoints) {
    this.endpoints = String.join(",", endpoints);
    this.client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
    this.kv = client.getKVClient();
    learnCompaction();
  }

  private void learnCompaction() {
    GetResponse r = await(kv.get(bs(COMPACT_KEY)));
    if (!r.getKvs().isEmpty()) {
      compacted.accumulateAndGet(Long.parseLong(r.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8)), Math::max);
    }
  }

  private void checkNotCompacted(long revision) {
    long c = compacted.get();
    if (revision > 0 && revision <= c) throw new StorageException.Compacted(revision, c);
  }

  static ByteSequence bs(String s) { return ByteSequence.from(s, StandardCharsets.UTF_8); }

  private <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted talking to etcd at " + endpoints, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      String msg = String.valueOf(c.getMessage());
      if (msg.contains("compacted")) {
        learnCompactionQuietly();
        throw new StorageException.Compacted(-1, compacted.get());
      }
      throw new StorageException.Unavailable("etcd at " + endpoints + " failed: " + msg, c);
    }
  }

  @Override
  public long currentRevision() {
    return await(kv.get(bs("\0"), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
  }

  private void learnCompactionQuietly() {
    try {
      learnCompaction();
    } catch (RuntimeException ignored) {
      // the error being reported is the one that matters
    }
  }

  @Override
  public long compactRevision() { return compacted.get(); }

  @Override
  public Optional<KeyValue> get(String key) {
    GetResponse r = await(kv.get(bs(key)));
    return r.getKvs().isEmpty() ? Optional.empty() : Optional.of(kv(r.getKvs().get(0)));
  }

  static KeyValue kv(io.etcd.jetcd.KeyValue k) {
    return new KeyValue(k.getKey().toString(StandardCharsets.UTF_8), k.getValue().getBytes(), k.getCreateRevision(), k.getModRevision());
  }

  @Override
  public long create(String key, byte[] value) {
    TxnResponse r = await(kv.txn().If(new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(bs(key), ByteSequence.from(value), PutOption.DEFAULT)).commit());
    if (!r.isSucceeded()) throw new StorageException.KeyExists(key);
    return r.getHeader().getRevision();
  }

  @Override
  public long update(String key, byte[] value, long expectedRevision) {
    TxnResponse r = await(kv.txn().If(new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
        .Then(Op.put(bs(key), ByteSequence.from(value), PutOption.DEFAULT))
        .Else(Op.get(bs(key), GetOption.DEFAULT)).commit());
    if (r.isSucceeded()) return r.getHeader().getRevision();
    throw mismatch(key, expectedRevision, r);
  }

  private static StorageException mismatch(String key, long expected, TxnResponse r) {
    List<GetResponse> gets = r.getGetResponses();
    if (gets.isEmpty() || gets.get(0).getKvs().isEmpty()) return new StorageException.NotFound(key);
    return new StorageException.Conflict(key, expected, kv(gets.get(0).getKvs().get(0)));
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    Cmp cmp = expectedRevision == 0 ? new Cmp(bs(key), Cmp.Op.GREATER, CmpTarget.createRevision(0))
        : new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision));
    TxnResponse r = await(kv.txn().If(cmp)
        .Then(Op.delete(bs(key), DeleteOption.builder().withPrevKV(true).build()))
        .Else(Op.get(bs(key), GetOption.DEFAULT)).commit());
    if (!r.isSucceeded()) throw mismatch(key, expectedRevision, r);
    io.etcd.jetcd.KeyValue prev = r.getDeleteResponses().get(0).getPrevKvs().get(0);
    return new KeyValue(key, prev.getValue().getBytes(), prev.getCreateRevision(), r.getHeader().getRevision());
  }

  /** Keys fetched per etcd range request: a gRPC response must stay under its 4 MiB limit. */
  static final int PAGE = 500;

  @Override
  public ListResult list(String prefix, String startAfter, int limit, long revision) {
    checkNotCompacted(revision);
    if (limit > 0 && limit <= PAGE) return page(prefix, startAfter, limit, revision);
    // larger or unlimited listings: pages of PAGE keys, all read at the first page's revision
    List<KeyValue> items = new ArrayList<>();
    String after = startAfter;
    long rev = revision;
    while (true) {
      int want = limit > 0 ? Math.min(PAGE, limit - items.size()) : PAGE;
      ListResult p = page(prefix, after, want, rev);
      items.addAll(p.items());
      rev = p.revision();
      boolean full = limit > 0 && items.size() >= limit;
      if (!p.more() || full || p.items().isEmpty()) {
        return new ListResult(List.copyOf(items), rev, p.more(), p.more() ? p.remaining() : 0);
      }
      after = p.items().get(p.items().size() - 1).key();
    }
  }

  private ListResult page(String prefix, String startAfter, int limit, long revision) {
    String start = startAfter == null ? prefix : startAfter + "\0";
    GetOption.Builder o = GetOption.builder().withRange(bs(prefixEnd(prefix))).withSortField(GetOption.SortTarget.KEY)
        .withSortOrder(GetOption.SortOrder.ASCEND).withLimit(limit);
    if (revision > 0) o.withRevision(revision);
    GetResponse r = await(kv.get(bs(start), o.build()));
    List<KeyValue> items = new ArrayList<>();
    for (io.etcd.jetcd.KeyValue k : r.getKvs()) items.add(kv(k));
    long rev = revision > 0 ? revision : r.getHeader().getRevision();
    return new ListResult(List.copyOf(items), rev, r.isMore(), r.isMore() ? r.getCount() - items.size() : 0);
  }

  static String prefixEnd(String prefix) {
    return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
  }

  @Override
  public long count(String prefix) {
    return await(kv.get(bs(prefix), GetOption.builder().withRange(bs(prefixEnd(prefix))).withCountOnly(true).build())).getCount();
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    if (afterRevision < compacted.get()) throw new StorageException.Compacted(afterRevision, compacted.get());
    WatchOption opt = WatchOption.builder().withRange(bs(prefixEnd(prefix))).withRevision(afterRevision + 1).withPrevKV(true).build();
    Object lock = new Object();
    io.etcd.jetcd.Watch.Watcher w = client.getWatchClient().watch(bs(prefix), opt, io.etcd.jetcd.Watch.listener(resp -> {
      List<Event> events = new ArrayList<>();
      for (WatchEvent e : resp.getEvents()) {
        KeyValue cur = kv(e.getKeyValue());
        KeyValue prev = e.getPrevKV() == null || e.getPrevKV().getKey().isEmpty() ? null : kv(e.getPrevKV());
        if (e.getEventType() == WatchEvent.EventType.DELETE) {
          events.add(new Event(Event.Type.DELETE, new KeyValue(cur.key(), prev == null ? new byte[0] : prev.value(),
              prev == null ? 0 : prev.createRevision(), cur.modRevision()), prev));
        } else {
          events.add(new Event(cur.createRevision() == cur.modRevision() ? Event.Type.CREATE : Event.Type.UPDATE, cur,
              cur.createRevision() == cur.modRevision() ? null : prev));
        }
      }
      if (!events.isEmpty()) {
        synchronized (lock) {
          listener.onEvents(events);
        }
      }
    }, err -> {
      String msg = String.valueOf(err.getMessage());
      listener.onClosed(msg.contains("compact") ? new StorageException.Compacted(afterRevision, -1)
          : new StorageException.Unavailable("etcd watch on " + prefix + " failed: " + msg, err));
    }, () -> listener.onClosed(null)));
    return w::close;
  }

  @Override
  public void compact(long revision) {
    if (revision <= compacted.get()) return;
    try {
      await(kv.compact(revision));
    } catch (StorageException.Compacted alreadyDone) {
      // another server compacted at or beyond this revision
    }
    await(kv.put(bs(COMPACT_KEY), bs(Long.toString(revision))));
    compacted.accumulateAndGet(revision, Math::max);
  }

  @Override
  public void close() {
    client.close();
  }
}
