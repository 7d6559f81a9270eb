package io.j8s.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSelectionTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:04:00Z");

  static CriLogParser.Line line(int second, String text) {
    return new CriLogParser.Line(T0.plusSeconds(second), "stdout", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Offers the backlog, ends it, then offers the followed lines; returns everything written. */
  static String run(LogOptions o, Instant now, List<CriLogParser.Line> backlog, List<CriLogParser.Line> followed) {
    LogSelection s = new LogSelection(o, now);
    List<byte[]> out = new ArrayList<>();
    for (var l : backlog) out.addAll(s.offer(l));
    out.addAll(s.endOfBacklog());
    for (var l : followed) out.addAll(s.offer(l));
    StringBuilder b = new StringBuilder();
    for (byte[] x : out) b.append(new String(x, StandardCharsets.UTF_8));
    return b.toString();
  }

  static LogOptions opts(String... kv) {
    Map<String, List<String>> q = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) q.put(kv[i], List.of(kv[i + 1]));
    return LogOptions.parse(q);
  }

  final List<CriLogParser.Line> five = List.of(line(0, "a"), line(10, "b"), line(20, "c"), line(30, "d"), line(40, "e"));

  @Test
  void everythingByDefault() {
    assertThat(run(LogOptions.DEFAULT, T0, five, List.of(line(50, "f")))).isEqualTo("a\nb\nc\nd\ne\nf\n");
  }

  @Test
  void tailKeepsTheLastLinesOfTheBacklogOnly() {
    assertThat(run(opts("tailLines", "2"), T0, five, List.of(line(50, "f"), line(60, "g")))).isEqualTo("d\ne\nf\ng\n");
    assertThat(run(opts("tailLines", "0"), T0, five, List.of(line(50, "f")))).isEqualTo("f\n");
    assertThat(run(opts("tailLines", "10"), T0, five, List.of())).isEqualTo("a\nb\nc\nd\ne\n");
  }

  @Test
  void sinceDropsOlderLinesAndCombinesWithTail() {
    Instant now = T0.plusSeconds(45);
    assertThat(run(opts("sinceSeconds", "20"), now, five, List.of())).isEqualTo("d\ne\n"); // since = T0+25
  }

  @Test
  void sinceTimeAndTail() {
    assertThat(run(opts("sinceTime", "2024-01-02T03:04:15Z"), T0, five, List.of())).isEqualTo("c\nd\ne\n");
    assertThat(run(opts("sinceTime", "2024-01-02T03:04:15Z", "tailLines", "5"), T0, five, List.of())).isEqualTo("c\nd\ne\n");
    assertThat(run(opts("sinceTime", "2024-01-02T03:04:20Z", "tailLines", "1"), T0, five, List.of())).isEqualTo("e\n");
  }

  @Test
  void timestampsInGoRfc3339Nano() {
    var l = new CriLogParser.Line(Instant.parse("2024-01-02T03:04:05.120000000Z"), "stdout", "x\n".getBytes());
    assertThat(run(opts("timestamps", "true"), T0, List.of(l, line(0, "y")), List.of()))
        .isEqualTo("2024-01-02T03:04:05.12Z x\n2024-01-02T03:04:00Z y\n");
    assertThat(LogSelection.format(Instant.parse("2024-01-02T03:04:05.000000001Z"))).isEqualTo("2024-01-02T03:04:05.000000001Z");
  }

  @Test
  void limitBytesCutsMidLineAndStops() {
    LogSelection s = new LogSelection(opts("limitBytes", "5"), T0);
    List<byte[]> out = new ArrayList<>(s.offer(line(0, "abc")));
    assertThat(s.full()).isFalse();
    out.addAll(s.offer(line(1, "def")));
    assertThat(s.full()).isTrue();
    out.addAll(s.offer(line(2, "ghi")));
    assertThat(out.stream().map(String::new).reduce("", String::concat)).isEqualTo("abc\nd");
    assertThat(run(opts("limitBytes", "3", "tailLines", "1"), T0, five, List.of())).isEqualTo("e\n");
  }

  @Test
  void optionsAsUpstreamValidatesThem() {
    LogOptions o = opts("follow", "true", "previous", "1", "timestamps", "false", "tailLines", "3", "limitBytes", "9");
    assertThat(o).isEqualTo(new LogOptions(true, true, false, null, null, 3L, 9L));
    assertThatThrownBy(() -> opts("sinceSeconds", "1", "sinceTime", "2024-01-02T03:04:15Z"))
        .hasMessage("at most one of `sinceTime` or `sinceSeconds` may be specified");
    assertThatThrownBy(() -> opts("tailLines", "-1")).hasMessageContaining("must be greater than or equal to 0");
    assertThatThrownBy(() -> opts("limitBytes", "0")).hasMessageContaining("must be greater than 0");
    assertThatThrownBy(() -> opts("sinceSeconds", "0")).hasMessageContaining("must be greater than 0");
    assertThatThrownBy(() -> opts("tailLines", "x")).hasMessageContaining("invalid integer");
    assertThatThrownBy(() -> opts("sinceTime", "yesterday")).hasMessageContaining("RFC3339");
  }
}
