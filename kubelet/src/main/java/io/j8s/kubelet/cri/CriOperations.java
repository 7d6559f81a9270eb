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

  private record Counters(LongAdder calls, LongAdder errors, LongAdder nanos) {}

  private final Map<String, Counters> byOp = new ConcurrentHashMap<>();

  void record(String rpc, long nanos, boolean error) {
    Counters c = byOp.computeIfAbsent(operationType(rpc), k -> new Counters(new LongAdder(), new LongAdder(), new LongAdder()));
    c.calls().increment();
    if (error) c.errors().increment();
    c.nanos().add(nanos);
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
