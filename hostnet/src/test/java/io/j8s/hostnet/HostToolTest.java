package io.j8s.hostnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.process.ProcessRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostToolTest {
  @Test
  void aMissingToolNamesItsPackageAndAFailureNamesTheCommandAndItsStderr() throws Exception {
    assertThatThrownBy(() -> new HostTool(new ProcessRunner(), List.of(), "j8s-absent").run(List.of("j8s-absent-tool", "-n"), null))
        .isInstanceOf(HostnetException.class).hasMessageContaining("(is the j8s-absent package installed?)");
    HostTool sh = new HostTool(new ProcessRunner(), List.of("sh", "-c"), "dash");
    assertThatThrownBy(() -> sh.run(List.of("echo no such set >&2; exit 3"), null))
        .isInstanceOf(HostnetException.class).hasMessage("`sh -c echo no such set >&2; exit 3` exited with 3: no such set");
    assertThat(sh.run(List.of("cat"), "in\n").stdout()).isEqualTo("in\n");
  }

  @Test
  void attemptReturnsANonZeroExitForTheCallerToJudge() throws Exception {
    HostTool sh = new HostTool(new ProcessRunner(), List.of("sh", "-c"), "dash");
    var r = sh.attempt(List.of("echo exists >&2; exit 1"), null);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(HostTool.failure(r)).hasMessage("`sh -c echo exists >&2; exit 1` exited with 1: exists");
    assertThatThrownBy(() -> new HostTool(new ProcessRunner(), List.of(), "j8s-absent").attempt(List.of("j8s-absent-tool"), null))
        .isInstanceOf(HostnetException.class).hasMessageContaining("(is the j8s-absent package installed?)");
  }
}
