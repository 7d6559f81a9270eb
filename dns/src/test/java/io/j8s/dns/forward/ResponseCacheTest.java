package io.j8s.dns.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

class ResponseCacheTest {
  static final Name NAME = Name.fromConstantString("www.example.test.");
  final ManualClock clock = new ManualClock();
  final ResponseCache cache = new ResponseCache(clock, 100);

  static Record a(long ttl, String ip) throws Exception {
    return new ARecord(NAME, DClass.IN, ttl, InetAddress.getByName(ip));
  }

  static Record soa(long ttl, long minimum) {
    Name zone = Name.fromConstantString("example.test.");
    return new SOARecord(zone, DClass.IN, ttl, Name.fromConstantString("ns.example.test."), Name.fromConstantString("h.example.test."),
        1, 60, 60, 60, minimum);
  }

  @Test
  void positiveAnswersLiveForTheirSmallestTtlWithTtlsCountedDown() throws Exception {
    Reply r = new Reply(Rcode.NOERROR, List.of(a(30, "192.0.2.1"), a(10, "192.0.2.2")), List.of(), List.of());
    assertThat(cache.put(NAME, Type.A, DClass.IN, r)).isEqualTo(10);
    assertThat(cache.get(NAME, Type.A, DClass.IN)).isSameAs(r);
    clock.advance(Duration.ofMillis(3500));
    Reply aged = cache.get(Name.fromConstantString("WWW.Example.TEST."), Type.A, DClass.IN);
    assertThat(aged.answers()).extracting(Record::getTTL).containsExactly(27L, 7L);
    assertThat(aged.answers()).extracting(Record::rdataToString).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(cache.get(NAME, Type.AAAA, DClass.IN)).as("other type").isNull();
    clock.advance(Duration.ofMillis(6499));
    assertThat(cache.get(NAME, Type.A, DClass.IN)).isNotNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get(NAME, Type.A, DClass.IN)).isNull();
    assertThat(cache.hits()).isEqualTo(3);
    assertThat(cache.misses()).isEqualTo(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aHitStaysTheSameUntilItsAgeReachesTheNextWholeSecondOrItExpires() throws Exception {
    cache.put(NAME, Type.A, DClass.IN, new Reply(Rcode.NOERROR, List.of(a(2, "192.0.2.1")), List.of(), List.of()));
    long t0 = clock.nanoTime();
    assertThat(cache.lookup(NAME, Type.A, DClass.IN).stableUntilNanos()).isEqualTo(t0 + 1_000_000_000L);
    clock.advance(Duration.ofMillis(1200));
    ResponseCache.Lookup l = cache.lookup(NAME, Type.A, DClass.IN);
    assertThat(l.stableUntilNanos()).isEqualTo(t0 + 2_000_000_000L);
    assertThat(l.reply().answers().get(0).getTTL()).isEqualTo(1);
    assertThat(cache.peek(NAME, Type.AAAA, DClass.IN)).isNull();
    assertThat(cache.misses()).as("peek is not counted").isZero();
  }

  @Test
  void negativeAnswersLiveForTheSoaMinimumOrTtlAndNotWithoutSoa() throws Exception {
    assertThat(cache.put(NAME, Type.A, DClass.IN, new Reply(Rcode.NXDOMAIN, List.of(), List.of(soa(300, 20)), List.of()))).isEqualTo(20);
    assertThat(cache.put(NAME, Type.AAAA, DClass.IN, new Reply(Rcode.NOERROR, List.of(), List.of(soa(15, 60)), List.of()))).isEqualTo(15);
    assertThat(cache.put(NAME, Type.MX, DClass.IN, new Reply(Rcode.NXDOMAIN, List.of(), List.of(), List.of()))).isZero();
    assertThat(cache.get(NAME, Type.MX, DClass.IN)).isNull();
    clock.advance(Duration.ofSeconds(16));
    assertThat(cache.get(NAME, Type.A, DClass.IN).rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(cache.get(NAME, Type.A, DClass.IN).authority().get(0).getTTL()).isEqualTo(284);
    assertThat(cache.get(NAME, Type.AAAA, DClass.IN)).isNull();
    clock.advance(Duration.ofSeconds(4));
    assertThat(cache.get(NAME, Type.A, DClass.IN)).isNull();
  }

  @Test
  void failuresAndZeroTtlsAreNotKeptAndTtlsAreCapped() throws Exception {
    assertThat(cache.put(NAME, Type.A, DClass.IN, new Reply(Rcode.SERVFAIL, List.of(), List.of(), List.of()))).isZero();
    assertThat(cache.put(NAME, Type.A, DClass.IN, new Reply(Rcode.REFUSED, List.of(), List.of(soa(60, 60)), List.of()))).isZero();
    assertThat(cache.put(NAME, Type.A, DClass.IN, new Reply(Rcode.NOERROR, List.of(a(0, "192.0.2.1")), List.of(), List.of()))).isZero();
    assertThat(cache.put(NAME, Type.A, DClass.IN, new Reply(Rcode.NOERROR, List.of(a(86400, "192.0.2.1")), List.of(), List.of())))
        .isEqualTo(ResponseCache.MAX_TTL);
    assertThat(cache.put(NAME, Type.TXT, DClass.IN, new Reply(Rcode.NXDOMAIN, List.of(), List.of(soa(86400, 86400)), List.of())))
        .isEqualTo(ResponseCache.MAX_NEGATIVE_TTL);
  }

  @Test
  void aFullCacheMakesRoomExpiredEntriesFirst() throws Exception {
    ResponseCache small = new ResponseCache(clock, 3);
    for (int i = 0; i < 10; i++) {
      Name n = Name.fromConstantString("n" + i + ".example.test.");
      small.put(n, Type.A, DClass.IN, new Reply(Rcode.NOERROR, List.of(new ARecord(n, DClass.IN, 60, InetAddress.getByName("192.0.2.9"))),
          List.of(), List.of()));
      assertThat(small.size()).isLessThanOrEqualTo(3);
      assertThat(small.get(n, Type.A, DClass.IN)).isNotNull();
    }
  }
}
