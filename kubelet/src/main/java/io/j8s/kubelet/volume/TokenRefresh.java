package io.j8s.kubelet.volume;

import java.time.Duration;
import java.time.Instant;

/**
 * When the kubelet asks for a new projected token, as upstream's token manager: once 80% of the
 * token's lifetime has passed (20% before its expiry) or it is more than 24 hours old.
 */
public final class TokenRefresh {
  static final Duration MAX_AGE = Duration.ofHours(24);

  private TokenRefresh() {}

  /**
   * @param expiry  the token's expirationTimestamp
   * @param seconds the lifetime that was asked for (the token was issued at {@code expiry - seconds})
   */
  public static boolean needed(Instant now, Instant expiry, long seconds) {
    Instant issued = expiry.minusSeconds(seconds);
    if (now.isAfter(issued.plus(MAX_AGE))) return true;
    return now.isAfter(expiry.minusSeconds(seconds * 20 / 100));
  }
}
