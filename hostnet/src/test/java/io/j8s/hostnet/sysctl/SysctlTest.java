package io.j8s.hostnet.sysctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SysctlTest {
  static void contract(Sysctl s) throws Exception {
    s.set("net.ipv4.ip_forward", "0");
    assertThat(s.get("net.ipv4.ip_forward")).isEqualTo("0");
    assertThat(s.ensure("net.ipv4.ip_forward", "1")).isTrue();
    assertThat(s.ensure("net.ipv4.ip_forward", "1")).isFalse();
    assertThat(s.get("net.ipv4.ip_forward")).isEqualTo("1");
    assertThatThrownBy(() -> s.get("net.ipv4.j8s_no_such_key")).isInstanceOf(HostnetException.class);
  }

  @Test void fake() throws Exception {
    RecordingSysctl fake = new RecordingSysctl().with("net.ipv4.ip_forward", "1");
    contract(fake);
    assertThat(fake.writes()).containsExactly("net.ipv4.ip_forward=0", "net.ipv4.ip_forward=1");
  }

  @Tag("integration")
  @Test void realKernelInAPrivateNamespace() throws Exception {
    String ns = "j8s-sysctl-" + ProcessHandle.current().pid();
    ProcessRunner sh = new ProcessRunner();
    sh.run("ip", "netns", "add", ns).orThrow();
    try {
      contract(new SysctlCommand(List.of("ip", "netns", "exec", ns)));
    } finally {
      sh.run("ip", "netns", "del", ns);
    }
  }
}
