package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefTest {
  @Test
  void dockerHubShortNamesExpand() {
    assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef("docker.io", "library/busybox", "latest", ""));
    assertThat(ImageRef.parse("team/app:2")).isEqualTo(new ImageRef("docker.io", "team/app", "2", ""));
  }

  @Test
  void firstComponentWithDotColonOrLocalhostIsTheRegistry() {
    assertThat(ImageRef.parse("127.0.0.1:5000/team/app:2")).isEqualTo(new ImageRef("127.0.0.1:5000", "team/app", "2", ""));
    assertThat(ImageRef.parse("localhost/app")).isEqualTo(new ImageRef("localhost", "app", "latest", ""));
    assertThat(ImageRef.parse("j8s.local/busybox:1")).isEqualTo(new ImageRef("j8s.local", "busybox", "1", ""));
    assertThat(ImageRef.parse("registry:5000/app")).isEqualTo(new ImageRef("registry:5000", "app", "latest", ""));
  }

  @Test
  void digestsAndLatest() {
    ImageRef d = ImageRef.parse("quay.io/x/y@sha256:abc");
    assertThat(d).isEqualTo(new ImageRef("quay.io", "x/y", "", "sha256:abc"));
    assertThat(d.latest()).isFalse();
    assertThat(ImageRef.parse("quay.io/x/y:v1@sha256:abc").tag()).isEqualTo("v1");
    assertThat(ImageRef.parse("app").latest()).isTrue();
    assertThat(ImageRef.parse("app:latest").latest()).isTrue();
    assertThat(ImageRef.parse("app:1").latest()).isFalse();
  }

  @Test
  void emptyIsRefused() {
    assertThatThrownBy(() -> ImageRef.parse(" ")).hasMessage("empty image reference");
  }
}
