package io.j8s.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NamespaceViewTest {
  static final String KEY = "/registry/core/namespaces/ns1";

  static StoredObject ns(String extra, long rev) {
    return new StoredObject(("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ns1\"" + extra + "}}")
        .getBytes(StandardCharsets.UTF_8), rev);
  }

  static StoredObject terminating(long rev) {
    return new StoredObject(("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ns1\"},"
        + "\"status\":{\"phase\":\"Terminating\"}}").getBytes(StandardCharsets.UTF_8), rev);
  }

  @Test
  void unknownNamespacesAreReadLiveAndKept() {
    NamespaceView v = new NamespaceView();
    AtomicInteger reads = new AtomicInteger();
    assertThat(v.state("ns1", () -> { reads.incrementAndGet(); return Optional.empty(); })).isEqualTo(NamespaceView.State.ABSENT);
    assertThat(v.state("ns1", () -> { reads.incrementAndGet(); return Optional.of(ns("", 5)); })).isEqualTo(NamespaceView.State.OPEN);
    assertThat(v.state("ns1", () -> { throw new AssertionError("read again"); })).isEqualTo(NamespaceView.State.OPEN);
    assertThat(reads).hasValue(2);
  }

  @Test
  void newerRevisionsWinWhateverTheOrder() {
    NamespaceView v = new NamespaceView();
    v.wrote(KEY, ns("", 5));
    v.wrote(KEY, ns(",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"", 7));
    v.wrote(KEY, ns("", 6)); // the watch delivering an older change late
    assertThat(v.state("ns1", Optional::empty)).isEqualTo(NamespaceView.State.TERMINATING);
    v.wrote(KEY, terminating(8));
    assertThat(v.state("ns1", Optional::empty)).isEqualTo(NamespaceView.State.TERMINATING);
  }

  @Test
  void aDeleteIsNotUndoneByAStaleLiveRead() {
    NamespaceView v = new NamespaceView();
    v.wrote(KEY, ns("", 5));
    v.deleted(KEY, 9);
    // the datastore answered before the delete: the delete still wins
    assertThat(v.state("ns1", () -> Optional.of(ns("", 5)))).isEqualTo(NamespaceView.State.ABSENT);
    // re-created after the delete
    assertThat(v.state("ns1", () -> Optional.of(ns("", 12)))).isEqualTo(NamespaceView.State.OPEN);
  }

  @Test
  void otherKeysAreIgnored() {
    NamespaceView v = new NamespaceView();
    v.wrote("/registry/core/configmaps/ns1/x", ns("", 3));
    assertThat(v.state("ns1", Optional::empty)).isEqualTo(NamespaceView.State.ABSENT);
  }
}
