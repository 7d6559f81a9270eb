package io.j8s.hostnet.conntrack;

import java.util.ArrayList;
import java.util.List;

/** A fake that records the filters it was asked to delete. Thread-safe. */
public final class RecordingConntrack implements Conntrack {
  private final List<FlowFilter> deleted = new ArrayList<>();

  @Override public synchronized int delete(FlowFilter filter) {
    deleted.add(filter);
    return -1;
  }

  public synchronized List<FlowFilter> deleted() {
    return List.copyOf(deleted);
  }

  public synchronized void clear() {
    deleted.clear();
  }
}
