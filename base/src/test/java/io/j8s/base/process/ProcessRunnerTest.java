package io.j8s.base.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
  @Test
  void capturesOutputAndExitCode() {
    ProcessResult r = new ProcessRunner().run("/bin/sh", "-c", "echo out; echo err >&2; exit 3");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
    assertThatThrownBy(r::orThrow).hasMessageContaining("exited with 3").hasMessageContaining("err");
  }

  @Test
  void feedsStdinAndEnvironment() {
    ProcessResult r = new ProcessRunner().env("X", "42").run(List.of("/bin/sh", "-c", "cat; echo $X"), "hello\n");
    assertThat(r.orThrow().stdout()).isEqualTo("hello\n42\n");
  }

  @Test
  void killsAfterTimeout() {
    assertThatThrownBy(() -> new ProcessRunner().timeout(Duration.ofMillis(200)).run("/bin/sleep", "5"))
        .isInstanceOf(ProcessFailedException.class).hasMessageContaining("did not finish");
  }

  @Test
  void missingBinaryIsAClearError() {
    assertThatThrownBy(() -> new ProcessRunner().run("/nonexistent/tool"))
        .isInstanceOf(ProcessFailedException.class).hasMessageContaining("cannot start");
  }
}
