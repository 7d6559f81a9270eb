package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciImageTest {
  static final byte[] LAYER = new TarWriter().file("hello", 0644, "hi".getBytes(StandardCharsets.UTF_8)).finish();

  static OciImage image() {
    return new OciImage("j8s.local/demo:7", "amd64", List.of("/bin/sh", "-c", "echo \"quoted\""), List.of("arg"),
        List.of("PATH=/bin"), LAYER);
  }

  static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

  @Test
  void sha256IsTheStandardOne() {
    assertThat(OciImage.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void configNamesTheUncompressedLayerAsItsDiffId() {
    String config = text(image().config().bytes());
    assertThat(config).isEqualTo("{\"architecture\":\"amd64\",\"config\":{\"Env\":[\"PATH=/bin\"],"
        + "\"Entrypoint\":[\"/bin/sh\",\"-c\",\"echo \\\"quoted\\\"\"],\"Cmd\":[\"arg\"],\"WorkingDir\":\"/\"},"
        + "\"created\":\"1970-01-01T00:00:00Z\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + OciImage.sha256(LAYER) + "\"]}}");
    OciImage noEntrypoint = new OciImage("x/y:1", "arm64", List.of(), List.of("sh"), List.of(), LAYER);
    assertThat(text(noEntrypoint.config().bytes())).doesNotContain("Entrypoint").contains("\"Cmd\":[\"sh\"]", "\"arm64\"");
  }

  @Test
  void manifestPointsAtConfigAndLayerByDigestAndSize() {
    OciImage i = image();
    String m = text(i.manifest().bytes());
    assertThat(m).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"" + OciImage.MEDIA_MANIFEST + "\","
        + "\"config\":{\"mediaType\":\"" + OciImage.MEDIA_CONFIG + "\",\"digest\":\"" + i.config().digest() + "\",\"size\":" + i.config().size() + "},"
        + "\"layers\":[{\"mediaType\":\"" + OciImage.MEDIA_LAYER + "\",\"digest\":\"" + OciImage.sha256(LAYER) + "\",\"size\":" + LAYER.length + "}]}");
  }

  @Test
  void indexNamesTheImageForContainerdAndGivesThePlatform() {
    OciImage i = image();
    String idx = text(i.index());
    assertThat(idx).startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + OciImage.MEDIA_INDEX + "\",\"manifests\":[{")
        .contains("\"digest\":\"" + i.manifest().digest() + "\",\"size\":" + i.manifest().size())
        .contains("\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}")
        .contains("\"annotations\":{\"io.containerd.image.name\":\"j8s.local/demo:7\",\"org.opencontainers.image.ref.name\":\"7\"}");
    assertThat(i.tag()).isEqualTo("7");
  }

  @Test
  void layoutTarHoldsEveryBlobUnderItsDigest() {
    OciImage i = image();
    Map<String, TarEntries.Entry> e = TarEntries.read(i.layoutTar()).byName();
    assertThat(text(e.get("oci-layout").content())).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(e.get("index.json").content()).isEqualTo(i.index());
    List<String> blobs = e.keySet().stream().filter(n -> n.startsWith("blobs/sha256/") && !n.endsWith("/")).toList();
    assertThat(blobs).hasSize(3).isSorted();
    for (String b : blobs) assertThat(OciImage.sha256(e.get(b).content())).isEqualTo("sha256:" + b.substring("blobs/sha256/".length()));
    assertThat(blobs).contains("blobs/sha256/" + i.manifest().digest().substring(7), "blobs/sha256/" + i.config().digest().substring(7),
        "blobs/sha256/" + i.layer().digest().substring(7));
  }

  @Test
  void deterministicAndSensitiveToEveryInput() {
    assertThat(image().layoutTar()).isEqualTo(image().layoutTar());
    String base = image().manifest().digest();
    assertThat(new OciImage("j8s.local/demo:7", "arm64", List.of("/bin/sh", "-c", "echo \"quoted\""), List.of("arg"), List.of("PATH=/bin"), LAYER)
        .manifest().digest()).isNotEqualTo(base);
    assertThat(new OciImage("j8s.local/demo:7", "amd64", List.of(), List.of("arg"), List.of("PATH=/bin"), LAYER)
        .manifest().digest()).isNotEqualTo(base);
    assertThat(new OciImage("j8s.local/demo:7", "amd64", List.of("/bin/sh", "-c", "echo \"quoted\""), List.of("arg"), List.of("PATH=/bin"),
        new TarWriter().finish()).manifest().digest()).isNotEqualTo(base);
  }

  @Test
  void namesNeedATagAndArchitecturesAreOciNames() {
    assertThatThrownBy(() -> new OciImage("j8s.local/demo", "amd64", List.of(), List.of(), List.of(), LAYER)).hasMessageContaining("needs a tag");
    assertThatThrownBy(() -> new OciImage("j8s.local/demo:", "amd64", List.of(), List.of(), List.of(), LAYER)).hasMessageContaining("needs a tag");
    assertThat(OciImage.hostArchitecture()).isIn("amd64", "arm64", System.getProperty("os.arch"));
  }

  @Test
  void jsonEscapesControlCharacters() {
    assertThat(Json.str("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    assertThat(Json.strings(List.of())).isEqualTo("[]");
  }
}
