package io.j8s.kubelet.pod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Where the time of one pod's start goes: the steps of its syncs are marked (monotonic clock) from
 * the informer event that brings the pod to this node to the status write that first shows it
 * Running, and rendered as one line (each step's duration since the previous mark). Only pods not
 * yet Running are traced; a pod that goes before it runs is dropped.
 */
final class StartTrace {
  /** One step and when it ended. */
  record Mark(String step, long nanos) {}

  private final Map<String, List<Mark>> open = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  StartTrace(LongSupplier nanoTime) { this.nanoTime = nanoTime; }

  /** The pod arrived (first informer event for its uid); later calls for the same uid change nothing. */
  void begin(String uid) {
    long now = nanoTime.getAsLong();
    open.computeIfAbsent(uid, k -> Collections.synchronizedList(new ArrayList<>(List.of(new Mark("seen", now)))));
  }

  /** Marks kept per pod: a pod that never runs (an image that cannot be pulled) is synced again and again. */
  static final int MAX_MARKS = 64;

  /** A step of a pod being started ended now; nothing for pods not traced (nor past {@link #MAX_MARKS}, but the last). */
  void mark(String uid, String step) {
    List<Mark> marks = open.get(uid);
    if (marks == null) return;
    synchronized (marks) {
      if (marks.size() >= MAX_MARKS) marks.remove(marks.size() - 1);
      marks.add(new Mark(step, nanoTime.getAsLong()));
    }
  }

  boolean tracing(String uid) { return open.containsKey(uid); }

  /** The pod's status showing Running was written: its timeline, no longer traced. */
  Optional<String> finish(String uid) {
    mark(uid, "status-written");
    List<Mark> marks = open.remove(uid);
    if (marks == null) return Optional.empty();
    synchronized (marks) {
      return Optional.of(render(List.copyOf(marks)));
    }
  }

  void drop(String uid) { open.remove(uid); }

  /**
   * {@code total 812 ms: seen@123456789 dequeued 3, read 4, sandbox 540, ...}: the whole time from
   * the first mark to the last, the first mark's monotonic nanos (to line it up with other processes
   * on the machine), then each step with the milliseconds since the mark before it.
   */
  static String render(List<Mark> marks) {
    if (marks.isEmpty()) return "";
    Mark first = marks.get(0);
    StringBuilder b = new StringBuilder();
    b.append("total ").append(ms(marks.get(marks.size() - 1).nanos() - first.nanos())).append(" ms: ")
        .append(first.step()).append('@').append(first.nanos());
    for (int i = 1; i < marks.size(); i++) {
      b.append(i == 1 ? " " : ", ").append(marks.get(i).step()).append(' ').append(ms(marks.get(i).nanos() - marks.get(i - 1).nanos()));
    }
    return b.toString();
  }

  private static long ms(long nanos) { return Math.round(nanos / 1e6); }
}
