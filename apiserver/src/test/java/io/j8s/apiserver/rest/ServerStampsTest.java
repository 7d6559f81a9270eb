package io.j8s.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServerStampsTest {
  @Test void uidsAreDistinctVersion4UuidsAcrossPoolRefills() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) { // 16 bytes each: about 40 refills of the 4 KiB pool
      String s = ServerStamps.uid();
      UUID u = UUID.fromString(s);
      assertEquals(s, u.toString());
      assertEquals(4, u.version(), s);
      assertEquals(2, u.variant(), s);
      assertTrue(seen.add(s), "repeated uid " + s);
    }
  }

  @Test void uidBitsVaryOutsideVersionAndVariant() {
    long orHi = 0, andHi = -1, orLo = 0, andLo = -1;
    for (int i = 0; i < 1000; i++) {
      UUID u = UUID.fromString(ServerStamps.uid());
      orHi |= u.getMostSignificantBits();
      andHi &= u.getMostSignificantBits();
      orLo |= u.getLeastSignificantBits();
      andLo &= u.getLeastSignificantBits();
    }
    assertEquals(0x4000L, andHi, "only the version bits are always set in the high half");
    assertEquals(~0xB000L, orHi, "every other high bit is set in some uid");
    assertEquals(0x8000000000000000L, andLo, "only the variant bit is always set in the low half");
    assertEquals(0xBFFFFFFFFFFFFFFFL, orLo, "every bit but the variant's zero is set in some uid");
  }

  @Test void nowIsTheCurrentSecondAsInstantPrintsIt() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String now = ServerStamps.now();
    Instant after = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant parsed = Instant.parse(now);
    assertTrue(!parsed.isBefore(before) && !parsed.isAfter(after), now);
    assertEquals(parsed.toString(), now);
    assertTrue(now.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), now);
  }
}
