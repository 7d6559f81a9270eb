package io.j8s.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CriLogParserTest {
  static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  static List<String> texts(List<CriLogParser.Line> lines) { return lines.stream().map(CriLogParser.Line::text).toList(); }

  @Test
  void parsesFullRecords() {
    var lines = new CriLogParser().feed(b("2024-01-02T03:04:05.123456789Z stdout F hello world\n2024-01-02T03:04:06Z stderr F oops\n"));
    assertThat(texts(lines)).containsExactly("hello world\n", "oops\n");
    assertThat(lines.get(0).time()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456789Z"));
    assertThat(lines.get(0).stream()).isEqualTo("stdout");
    assertThat(lines.get(1).stream()).isEqualTo("stderr");
  }

  @Test
  void joinsPartialRecordsPerStreamWithTheFirstTime() {
    var lines = new CriLogParser().feed(b("""
        2024-01-02T03:04:05Z stdout P abc
        2024-01-02T03:04:05.5Z stderr F interleaved
        2024-01-02T03:04:06Z stdout P def
        2024-01-02T03:04:07Z stdout F ghi
        """));
    assertThat(texts(lines)).containsExactly("interleaved\n", "abcdefghi\n");
    assertThat(lines.get(1).time()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
  }

  @Test
  void aRecordCutByTheReadWaitsForItsRest() {
    CriLogParser p = new CriLogParser();
    assertThat(p.feed(b("2024-01-02T03:04:05Z stdout F hel"))).isEmpty();
    assertThat(texts(p.feed(b("lo\n2024-01-02T03:04:05Z std")))).containsExactly("hello\n");
    assertThat(texts(p.feed(b("out F x\n")))).containsExactly("x\n");
  }

  @Test
  void emptyContentTagsWithExtrasAndOffsets() {
    var lines = new CriLogParser().feed(b("2024-01-02T03:04:05Z stdout F \n2024-01-02T03:04:05Z stdout F\n"
        + "2024-01-02T05:04:05+02:00 stdout F:x:y tagged\n"));
    assertThat(texts(lines)).containsExactly("\n", "\n", "tagged\n");
    assertThat(lines.get(2).time()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
  }

  @Test
  void skipsRecordsNotInTheFormat() {
    var lines = new CriLogParser().feed(b("garbage\nnot-a-time stdout F x\n2024-01-02T03:04:05Z stdin F x\n"
        + "2024-01-02T03:04:05Z stdout Q x\n2024-01-02T03:04:05Z stdout F kept\n"));
    assertThat(texts(lines)).containsExactly("kept\n");
  }

  @Test
  void contentKeepsSpacesAndBytes() {
    var lines = new CriLogParser().feed(b("2024-01-02T03:04:05Z stdout F  two  spaces é\n"));
    assertThat(texts(lines)).containsExactly(" two  spaces é\n");
  }

  /** Any cut of the same file gives the same lines. */
  @Test
  void feedingInRandomPiecesGivesTheSameLines() {
    StringBuilder file = new StringBuilder();
    Random r = new Random(42);
    for (int i = 0; i < 200; i++) {
      String stream = r.nextBoolean() ? "stdout" : "stderr";
      file.append("2024-01-02T03:04:").append(String.format("%02d", i % 60)).append("Z ").append(stream)
          .append(r.nextInt(4) == 0 ? " P " : " F ").append("line").append(i).append('\n');
    }
    byte[] all = b(file.toString());
    List<String> whole = texts(new CriLogParser().feed(all));
    for (int seed = 0; seed < 20; seed++) {
      Random cut = new Random(seed);
      CriLogParser p = new CriLogParser();
      List<String> pieces = new ArrayList<>();
      int at = 0;
      while (at < all.length) {
        int n = Math.min(all.length - at, 1 + cut.nextInt(40));
        pieces.addAll(texts(p.feed(all, at, n)));
        at += n;
      }
      assertThat(pieces).isEqualTo(whole);
    }
  }
}
