package io.j8s.kubelet.node;

import java.util.List;

/** What changes between two status computations: the runtime's readiness, the eviction signals and the images. */
public record NodeSample(RuntimeReport runtime, EvictionSignals signals, List<NodeImage> images) {
  public NodeSample {
    images = List.copyOf(images);
  }

  /** An image the runtime holds: its digests then tags, and its size. */
  public record NodeImage(List<String> names, long sizeBytes) {
    public NodeImage { names = List.copyOf(names); }
  }
}
