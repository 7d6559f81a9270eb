package io.j8s.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
  @ParameterizedTest(name = "{0}ms -> {1}")
  @CsvSource({
      "-2000, <invalid>", "-1999, 0s", "-1000, 0s", "-500, 0s", "0, 0s", "999, 0s", "5000, 5s",
      "119999, 119s", "120000, 2m", "182000, 3m2s", "599000, 9m59s", "600000, 10m", "601000, 10m",
      "10740000, 179m", "10800000, 3h", "11100000, 3h5m", "28740000, 7h59m", "28800000, 8h",
      "169200000, 47h", "172800000, 2d", "183600000, 2d3h", "687600000, 7d23h", "691200000, 8d",
      "62985600000, 729d", "63072000000, 2y", "63504000000, 2y5d", "252288000000, 8y", "259200000000, 8y"})
  void formatsLikeKubectl(long millis, String expected) {
    assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }

  @Test
  void sinceReadsRfc3339AndSaysUnknownOtherwise() {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    assertThat(HumanDuration.since("2025-06-01T11:55:00Z", now)).isEqualTo("5m");
    assertThat(HumanDuration.since("2025-06-01T11:59:59.500000Z", now)).isEqualTo("0s");
    assertThat(HumanDuration.since("2025-06-01T13:00:00+01:00", now)).isEqualTo("0s");
    assertThat(HumanDuration.since("2025-05-30T09:00:00Z", now)).isEqualTo("2d3h");
    assertThat(HumanDuration.since("", now)).isEqualTo("<unknown>");
    assertThat(HumanDuration.since(null, now)).isEqualTo("<unknown>");
    assertThat(HumanDuration.since("yesterday", now)).isEqualTo("<unknown>");
  }
}
