package io.j8s.kubelet.cri;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-RPC counts, errors and total time of a {@link CriRuntime}'s calls, named as upstream's
 * kubelet_runtime_operations_* metrics name them ({@code operation_type}: the RPC in snake case,
 * {@code list_podsandbox}, {@code create_container}, ...).
 */
public final class CriOperations {
  /** One RPC's totals. */
  public record Totals(long calls, long errors, double seconds) {}

  /** One RPC's latencies as a histogram: cumulative counts per upper bound in seconds ({@link #BUCKETS}, then +Inf). */
  public record Latency(double[] bounds, long[] cumulative, double seconds, long count) {}

  /** Upstream's kubelet_runtime_operations_duration_seconds buckets (exponential, 5 ms ... about 82 s). */
  public static final double[] BUCKETS = {0.005, 0.0125, 0.03125, 0.078125, 0.1953125, 0.48828125, 1.220703125, 3.0517578125,
      7.62939453125, 19.073486328125, 47.6837158203125, 119.20928955078125};

  private record Counters(LongAdder calls, LongAdder errors, LongAdder nanos, LongAdder[] buckets) {
    Counters() { this(new LongAdder(), new LongAdder(), new LongAdder(), adders(BUCKETS.length)); }
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) a[i] = new LongAdder();
    return a;
  }

  private final Map<String, Counters> byOp = new ConcurrentHashMap<>();

  void record(String rpc, long nanos, boolean error) {
    Counters c = byOp.computeIfAbsent(operationType(rpc), k -> new Counters());
    c.calls().increment();
    if (error) c.errors().increment();
    c.nanos().add(nanos);
    int b = bucket(nanos / 1e9);
    if (b < BUCKETS.length) c.buckets()[b].increment();
  }

  /** The index of the first bound the latency is not above ({@code BUCKETS.length}: above them all). */
  static int bucket(double seconds) {
    int i = java.util.Arrays.binarySearch(BUCKETS, seconds);
    return i < 0 ? -i - 1 : i;
  }

  /** The latency histograms so far, by operation type (sorted). */
  public Map<String, Latency> latencies() {
    Map<String, Latency> out = new TreeMap<>();
    byOp.forEach((k, c) -> {
      long calls = c.calls().sum();
      long[] cum = new long[BUCKETS.length + 1];
      long run = 0;
      for (int i = 0; i < BUCKETS.length; i++) cum[i] = run += c.buckets()[i].sum();
      cum[BUCKETS.length] = Math.max(run, calls);
      out.put(k, new Latency(BUCKETS.clone(), cum, c.nanos().sum() / 1e9, cum[BUCKETS.length]));
    });
    return out;
  }

  /** The totals so far, by operation type (sorted). */
  public Map<String, Totals> snapshot() {
    Map<String, Totals> out = new TreeMap<>();
    byOp.forEach((k, c) -> out.put(k, new Totals(c.calls().sum(), c.errors().sum(), c.nanos().sum() / 1e9)));
    return out;
  }

  /** {@code ListPodSandbox} to {@code list_podsandbox}, {@code CreateContainer} to {@code create_container}. */
  static String operationType(String rpc) {
    String s = rpc.replace("PodSandbox", "Podsandbox");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isUpperCase(ch) && i > 0) b.append('_');
      b.append(Character.toLowerCase(ch));
    }
    return b.toString();
  }
}
