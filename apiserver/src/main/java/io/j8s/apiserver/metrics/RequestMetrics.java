package io.j8s.apiserver.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** apiserver_request_total and apiserver_request_duration_seconds, rendered on demand. */
public final class RequestMetrics {
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private record Key(String verb, String group, String resource, String subresource, int code) {}

  /** Counters made for concurrent writers; {@code buckets[i]} counts only requests that fell in bucket i. */
  private static final class Series {
    final LongAdder count = new LongAdder();
    final LongAdder sumNanos = new LongAdder();
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];

    Series() {
      for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    /** Prometheus buckets are cumulative: requests at or below the bound. */
    long cumulative(int upTo) {
      long n = 0;
      for (int i = 0; i <= upTo; i++) n += buckets[i].sum();
      return n;
    }
  }

  private final Map<Key, Series> series = new ConcurrentHashMap<>();

  public void record(String verb, String group, String resource, String subresource, int code, long nanos) {
    Series s = series.computeIfAbsent(new Key(verb, nz(group), nz(resource), nz(subresource), code), k -> new Series());
    s.count.increment();
    s.sumNanos.add(nanos);
    double secs = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (secs <= BUCKETS[i]) {
        s.buckets[i].increment();
        break;
      }
    }
  }

  private static String nz(String s) { return s == null ? "" : s; }

  /** The Prometheus text format. */
  public String render() {
    StringBuilder b = new StringBuilder();
    Map<String, Series> sorted = new TreeMap<>();
    series.forEach((k, v) -> sorted.put(labels(k, true), v));
    b.append("# HELP apiserver_request_total Requests served, by verb, group, resource, subresource and HTTP code.\n");
    b.append("# TYPE apiserver_request_total counter\n");
    sorted.forEach((l, s) -> b.append("apiserver_request_total{").append(l).append("} ").append(s.count.sum()).append('\n'));
    Map<String, Series> byReq = new TreeMap<>();
    series.forEach((k, v) -> byReq.merge(labels(k, false), v, RequestMetrics::merge));
    b.append("# HELP apiserver_request_duration_seconds Request latency, by verb, group, resource and subresource.\n");
    b.append("# TYPE apiserver_request_duration_seconds histogram\n");
    byReq.forEach((l, s) -> {
      for (int i = 0; i < BUCKETS.length; i++) {
        b.append("apiserver_request_duration_seconds_bucket{").append(l).append(",le=\"").append(BUCKETS[i]).append("\"} ")
            .append(s.cumulative(i)).append('\n');
      }
      b.append("apiserver_request_duration_seconds_bucket{").append(l).append(",le=\"+Inf\"} ").append(s.count.sum()).append('\n');
      b.append("apiserver_request_duration_seconds_sum{").append(l).append("} ").append(s.sumNanos.sum() / 1e9).append('\n');
      b.append("apiserver_request_duration_seconds_count{").append(l).append("} ").append(s.count.sum()).append('\n');
    });
    return b.toString();
  }

  private static Series merge(Series a, Series b) {
    Series s = new Series();
    s.count.add(a.count.sum() + b.count.sum());
    s.sumNanos.add(a.sumNanos.sum() + b.sumNanos.sum());
    for (int i = 0; i < BUCKETS.length; i++) s.buckets[i].add(a.buckets[i].sum() + b.buckets[i].sum());
    return s;
  }

  private static String labels(Key k, boolean withCode) {
    String l = "verb=\"" + k.verb() + "\",group=\"" + k.group() + "\",resource=\"" + k.resource() + "\",subresource=\"" + k.subresource() + "\"";
    return withCode ? l + ",code=\"" + k.code() + "\"" : l;
  }
}
