package io.j8s.kubelet.prober;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeSpecTest {
  static final Container WEB = new ContainerBuilder().withName("web")
      .addNewPort().withName("http").withContainerPort(8080).endPort()
      .addNewPort().withName("grpc").withContainerPort(9090).endPort().build();

  @Test
  void fillsUpstreamDefaults() {
    Probe p = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(80)).endTcpSocket().build();
    ProbeSpec s = ProbeSpec.of(ProbeKind.LIVENESS, p, WEB);
    assertThat(s.initialDelay()).isZero();
    assertThat(s.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.successThreshold()).isEqualTo(1);
    assertThat(s.failureThreshold()).isEqualTo(3);
    assertThat(s.action()).isEqualTo(new ProbeSpec.TcpSocket("", 80));
  }

  @Test
  void keepsGivenTimingsAndClampsNonsense() {
    Probe p = new ProbeBuilder().withNewExec().withCommand("true").endExec().withInitialDelaySeconds(5).withPeriodSeconds(0)
        .withTimeoutSeconds(3).withSuccessThreshold(2).withFailureThreshold(-1).build();
    ProbeSpec s = ProbeSpec.of(ProbeKind.READINESS, p, WEB);
    assertThat(s.initialDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.period()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.successThreshold()).isEqualTo(2);
    assertThat(s.failureThreshold()).isEqualTo(1);
    assertThat(s.action()).isEqualTo(new ProbeSpec.Exec(List.of("true")));
  }

  @Test
  void httpGetResolvesNamedPortAndNormalisesPathAndScheme() {
    Probe p = new ProbeBuilder().withNewHttpGet().withPort(new IntOrString("http")).withPath("healthz").withScheme("https")
        .addNewHttpHeader().withName("X-Probe").withValue("1").endHttpHeader().endHttpGet().build();
    assertThat(ProbeSpec.of(ProbeKind.READINESS, p, WEB).action()).isEqualTo(
        new ProbeSpec.HttpGet("HTTPS", "", 8080, "/healthz", List.of(new ProbeSpec.Header("X-Probe", "1"))));
    Probe bare = new ProbeBuilder().withNewHttpGet().withPort(new IntOrString(81)).withHost("10.0.0.9").endHttpGet().build();
    assertThat(ProbeSpec.of(ProbeKind.READINESS, bare, WEB).action())
        .isEqualTo(new ProbeSpec.HttpGet("HTTP", "10.0.0.9", 81, "/", List.of()));
  }

  @Test
  void unknownPortNamesAndMissingHandlersMakeInvalidProbes() {
    Probe p = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString("metrics")).endTcpSocket().build();
    assertThat(ProbeSpec.of(ProbeKind.LIVENESS, p, WEB).action())
        .isEqualTo(new ProbeSpec.Invalid("couldn't find port metrics in container web"));
    Probe zero = new ProbeBuilder().withNewHttpGet().withPort(new IntOrString(0)).endHttpGet().build();
    assertThat(ProbeSpec.of(ProbeKind.LIVENESS, zero, WEB).action()).isEqualTo(new ProbeSpec.Invalid("invalid port number: 0"));
    assertThat(ProbeSpec.of(ProbeKind.LIVENESS, new Probe(), WEB).action()).isInstanceOf(ProbeSpec.Invalid.class);
  }

  @Test
  void grpcKeepsPortAndService() {
    Probe p = new ProbeBuilder().withNewGrpc().withPort(9090).withService("ready").endGrpc().build();
    assertThat(ProbeSpec.of(ProbeKind.STARTUP, p, WEB).action()).isEqualTo(new ProbeSpec.Grpc(9090, "ready"));
  }
}
