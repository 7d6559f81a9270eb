package io.j8s.kubelet.imagegc;

import java.time.Duration;

/**
 * When images are collected (upstream kubelet's imageGCHighThresholdPercent, imageGCLowThresholdPercent,
 * imageMinimumGCAge).
 */
public record ImageGcPolicy(int highThresholdPercent, int lowThresholdPercent, Duration minAge) {
  public static final ImageGcPolicy DEFAULT = new ImageGcPolicy(85, 80, Duration.ofMinutes(2));

  public ImageGcPolicy {
    if (highThresholdPercent < 0 || highThresholdPercent > 100) throw new IllegalArgumentException("high threshold must be 0..100");
    if (lowThresholdPercent < 0 || lowThresholdPercent > highThresholdPercent) {
      throw new IllegalArgumentException("low threshold must be 0..high threshold (" + highThresholdPercent + ")");
    }
    if (minAge.isNegative()) throw new IllegalArgumentException("minimum age must not be negative");
  }
}
