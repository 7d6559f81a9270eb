package io.j8s.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.List;

/**
 * What the planner needs of a node: its zone, its Ready condition status ({@code True},
 * {@code False}, {@code Unknown}, or null when it never reported one), its taints (every
 * NoExecute taint with a timeAdded), and when this controller last saw it renew a heartbeat.
 */
public record NodeView(String name, String zone, String ready, List<Taint> taints, Instant lastProbe) {
  public NodeView {
    taints = List.copyOf(taints);
  }
}
