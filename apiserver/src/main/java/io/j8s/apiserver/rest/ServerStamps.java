package io.j8s.apiserver.rest;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The values the server stamps on every new object: a random (version 4) uid and the creation
 * time in whole seconds. Both were ~3-5% of a create's CPU: {@code UUID.randomUUID()} takes a
 * lock and reads the kernel's random source for each uid, and formatting an Instant is slow.
 * Here the random bytes come from the same kind of SecureRandom, 4 KiB at a time, and the
 * formatted time is reused within its second.
 */
public final class ServerStamps {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] POOL = new byte[4096];
  private static int used = POOL.length; // guarded by POOL
  private static volatile Second second = new Second(Long.MIN_VALUE, "");

  private record Second(long epochSecond, String text) {}

  private ServerStamps() {}

  /** A new random uid, as {@link UUID#randomUUID()} makes them. */
  public static String uid() {
    long hi;
    long lo;
    synchronized (POOL) {
      if (used + 16 > POOL.length) {
        RANDOM.nextBytes(POOL);
        used = 0;
      }
      hi = longAt(used);
      lo = longAt(used + 8);
      java.util.Arrays.fill(POOL, used, used + 16, (byte) 0); // a uid's bytes are not kept around
      used += 16;
    }
    hi = (hi & ~0xF000L) | 0x4000L; // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(hi, lo).toString();
  }

  private static long longAt(int i) {
    long v = 0;
    for (int k = 0; k < 8; k++) v = (v << 8) | (POOL[i + k] & 0xFF);
    return v;
  }

  /** The current time in whole seconds, RFC 3339 in UTC (e.g. {@code 2026-11-26T01:02:03Z}). */
  public static String now() {
    long s = Math.floorDiv(System.currentTimeMillis(), 1000);
    Second c = second;
    if (c.epochSecond() != s) {
      c = new Second(s, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(s)));
      second = c;
    }
    return c.text();
  }
}
