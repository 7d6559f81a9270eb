package io.j8s.kubelet.imagegc;

import java.util.List;

/** What one round of image garbage collection does. */
public sealed interface ImageGcPlan {
  /** Nothing to remove, and why. */
  record Keep(String reason) implements ImageGcPlan {}

  /**
   * Remove these images, in this order.
   *
   * @param usagePercent the filesystem's usage that started the round
   * @param bytesToFree  what brings it down to the low threshold
   * @param bytesFreed   the sizes of the images removed (less than bytesToFree when not enough can go)
   */
  record Remove(List<ImageRecord> images, int usagePercent, long bytesToFree, long bytesFreed) implements ImageGcPlan {
    public Remove { images = List.copyOf(images); }
  }
}
