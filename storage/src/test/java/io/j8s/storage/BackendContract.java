package io.j8s.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Backend} driver promises, run against each real driver (SQLite file, real
 * etcd). Each test works under its own key prefix so drivers may share one store per class.
 */
public abstract class BackendContract {
  protected String p;

  /** The driver under test; the same instance for every test of a class. */
  protected abstract Backend backend();

  @BeforeEach
  void prefix() { p = "/registry/t-" + UUID.randomUUID() + "/"; }

  static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  static String s(KeyValue kv) { return new String(kv.value(), StandardCharsets.UTF_8); }

  @Test
  void revisionsGrowByOneWriteAtATime() {
    long r1 = backend().create(p + "a", b("1"));
    long r2 = backend().update(p + "a", b("2"), r1);
    long r3 = backend().create(p + "b", b("x"));
    assertThat(r2).isGreaterThan(r1);
    assertThat(r3).isGreaterThan(r2);
    assertThat(backend().currentRevision()).isGreaterThanOrEqualTo(r3);
    KeyValue a = backend().get(p + "a").orElseThrow();
    assertThat(s(a)).isEqualTo("2");
    assertThat(a.createRevision()).isEqualTo(r1);
    assertThat(a.modRevision()).isEqualTo(r2);
  }

  @Test
  void createRefusesAnExistingKey() {
    backend().create(p + "a", b("1"));
    assertThatThrownBy(() -> backend().create(p + "a", b("2"))).isInstanceOf(StorageException.KeyExists.class);
    assertThat(s(backend().get(p + "a").orElseThrow())).isEqualTo("1");
  }

  @Test
  void updateComparesTheRevision() {
    long r1 = backend().create(p + "a", b("1"));
    backend().update(p + "a", b("2"), r1);
    assertThatThrownBy(() -> backend().update(p + "a", b("3"), r1))
        .isInstanceOfSatisfying(StorageException.Conflict.class, c -> assertThat(s(c.current())).isEqualTo("2"));
    assertThatThrownBy(() -> backend().update(p + "missing", b("3"), r1)).isInstanceOf(StorageException.NotFound.class);
    assertThat(s(backend().get(p + "a").orElseThrow())).isEqualTo("2");
  }

  @Test
  void deleteReturnsTheLastValueAndCanBeConditional() {
    long r1 = backend().create(p + "a", b("1"));
    long r2 = backend().update(p + "a", b("2"), r1);
    assertThatThrownBy(() -> backend().delete(p + "a", r1)).isInstanceOf(StorageException.Conflict.class);
    KeyValue gone = backend().delete(p + "a", r2);
    assertThat(s(gone)).isEqualTo("2");
    assertThat(gone.modRevision()).isGreaterThan(r2);
    assertThat(backend().get(p + "a")).isEmpty();
    assertThatThrownBy(() -> backend().delete(p + "a", 0)).isInstanceOf(StorageException.NotFound.class);
    long again = backend().create(p + "a", b("3"));
    assertThat(backend().get(p + "a").orElseThrow().createRevision()).isEqualTo(again);
  }

  @Test
  void listIsInKeyOrderUnderTheLiteralPrefix() {
    for (String k : List.of("c", "a", "b")) backend().create(p + "items/" + k, b(k));
    backend().create(p + "itemsX/z", b("z"));
    ListResult r = backend().list(p + "items/", null, 0, 0);
    assertThat(r.items()).extracting(KeyValue::key).containsExactly(p + "items/a", p + "items/b", p + "items/c");
    assertThat(r.more()).isFalse();
    assertThat(backend().count(p + "items/")).isEqualTo(3);
  }

  @Test
  void listPagesWithLimitAndContinueAtOneRevision() {
    for (int i = 0; i < 7; i++) backend().create(p + "k" + i, b("v" + i));
    ListResult first = backend().list(p, null, 3, 0);
    assertThat(first.items()).extracting(KeyValue::key).containsExactly(p + "k0", p + "k1", p + "k2");
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).isIn(4L, -1L);
    backend().create(p + "k9", b("late"));
    backend().update(p + "k4", b("changed"), backend().get(p + "k4").orElseThrow().modRevision());
    List<KeyValue> rest = new ArrayList<>();
    String after = first.items().get(2).key();
    while (true) {
      ListResult page = backend().list(p, after, 3, first.revision());
      rest.addAll(page.items());
      if (!page.more()) break;
      after = page.items().get(page.items().size() - 1).key();
    }
    assertThat(rest).extracting(KeyValue::key).containsExactly(p + "k3", p + "k4", p + "k5", p + "k6");
    assertThat(s(rest.get(1))).isEqualTo("v4");
  }

  /** 1,200 values of 4 KiB: more than one etcd response may carry (4 MiB), listed whole and in big pages. */
  @Test
  void largeListingsAreComplete() {
    byte[] big = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 1200; i++) backend().create(p + String.format("k%05d", i), big);
    ListResult all = backend().list(p, null, 0, 0);
    assertThat(all.items()).hasSize(1200);
    assertThat(all.more()).isFalse();
    assertThat(all.items().get(1199).key()).isEqualTo(p + "k01199");
    ListResult first = backend().list(p, null, 1100, 0);
    assertThat(first.items()).hasSize(1100);
    assertThat(first.more()).isTrue();
    assertThat(backend().list(p, first.items().get(1099).key(), 0, first.revision()).items()).hasSize(100);
  }

  @Test
  void listAtAPastRevisionSeesThePastState() {
    long r1 = backend().create(p + "a", b("1"));
    backend().update(p + "a", b("2"), r1);
    backend().create(p + "b", b("x"));
    backend().delete(p + "a", 0);
    ListResult past = backend().list(p, null, 0, r1);
    assertThat(past.items()).extracting(BackendContract::s).containsExactly("1");
    assertThat(backend().list(p, null, 0, 0).items()).extracting(KeyValue::key).containsExactly(p + "b");
  }

  @Test
  void watchReplaysFromARevisionThenFollowsLiveChanges() throws Exception {
    long r1 = backend().create(p + "a", b("1"));
    long r2 = backend().update(p + "a", b("2"), r1);
    backend().create(p.substring(0, p.length() - 1) + "-other/x", b("not mine"));
    List<Event> seen = new CopyOnWriteArrayList<>();
    try (Watch w = backend().watch(p, r1, seen::addAll)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
      backend().delete(p + "a", r2);
      backend().create(p + "b", b("3"));
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
    }
    assertThat(seen).extracting(Event::type).containsExactly(Event.Type.UPDATE, Event.Type.DELETE, Event.Type.CREATE);
    assertThat(s(seen.get(0).kv())).isEqualTo("2");
    assertThat(s(seen.get(0).prev())).isEqualTo("1");
    assertThat(s(seen.get(1).kv())).isEqualTo("2");
    assertThat(seen.get(1).revision()).isGreaterThan(r2);
    assertThat(seen.get(2).prev()).isNull();
    List<Long> revs = seen.stream().map(Event::revision).toList();
    List<Long> sorted = new ArrayList<>(revs);
    Collections.sort(sorted);
    assertThat(revs).isEqualTo(sorted);
  }

  @Test
  void closedWatchDeliversNothingMore() throws Exception {
    List<Event> seen = new CopyOnWriteArrayList<>();
    Watch w = backend().watch(p, backend().currentRevision(), seen::addAll);
    backend().create(p + "a", b("1"));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    w.close();
    w.close();
    backend().create(p + "b", b("2"));
    Thread.sleep(300);
    assertThat(seen).hasSize(1);
  }

  @Test
  void manyWatchersAllSeeEveryChangeInOrder() throws Exception {
    int watchers = 20;
    int writes = 50;
    List<List<Long>> got = new ArrayList<>();
    List<Watch> ws = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(watchers);
    long from = backend().currentRevision();
    for (int i = 0; i < watchers; i++) {
      List<Long> mine = new CopyOnWriteArrayList<>();
      got.add(mine);
      ws.add(backend().watch(p, from, evs -> {
        evs.forEach(e -> mine.add(e.revision()));
        if (mine.size() == writes) done.countDown();
      }));
    }
    List<Long> written = new ArrayList<>();
    for (int i = 0; i < writes; i++) written.add(backend().create(p + "k" + i, b("v")));
    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    ws.forEach(Watch::close);
    for (List<Long> g : got) assertThat(g).isEqualTo(written);
  }

  @Test
  void compactionDropsHistoryButKeepsLiveKeys() {
    long r1 = backend().create(p + "a", b("1"));
    long r2 = backend().update(p + "a", b("2"), r1);
    long r3 = backend().create(p + "b", b("x"));
    backend().delete(p + "b", r3);
    long r5 = backend().create(p + "c", b("y"));
    backend().compact(r5);
    assertThat(backend().compactRevision()).isGreaterThanOrEqualTo(r5);
    assertThatThrownBy(() -> backend().list(p, null, 0, r2)).isInstanceOf(StorageException.Compacted.class);
    assertThatThrownBy(() -> backend().watch(p, r1, evs -> { })).isInstanceOf(StorageException.Compacted.class);
    assertThat(backend().list(p, null, 0, 0).items()).extracting(BackendContract::s).containsExactly("2", "y");
    assertThat(backend().get(p + "a").orElseThrow().modRevision()).isEqualTo(r2);
    long r6 = backend().update(p + "a", b("3"), r2);
    assertThat(r6).isGreaterThan(r5);
  }

  @Test
  void concurrentCompareAndSwapLosesNoUpdate() throws Exception {
    backend().create(p + "counter", b("0"));
    int threads = 8;
    int each = 25;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ts.add(Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < each; i++) {
            while (true) {
              KeyValue kv = backend().get(p + "counter").orElseThrow();
              try {
                backend().update(p + "counter", b(String.valueOf(Integer.parseInt(s(kv)) + 1)), kv.modRevision());
                break;
              } catch (StorageException.Conflict retry) {
                // another writer won; read again
              }
            }
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      }));
    }
    for (Thread t : ts) t.join();
    assertThat(failure.get()).isNull();
    assertThat(s(backend().get(p + "counter").orElseThrow())).isEqualTo(String.valueOf(threads * each));
  }
}
