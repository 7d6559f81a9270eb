package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import io.j8s.proxy.state.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointPickerTest {
  static final Endpoint A = Endpoint.ready("10.1.0.1", 80, "n");
  static final Endpoint B = Endpoint.ready("10.1.0.2", 80, "n");
  static final Endpoint C = Endpoint.ready("10.1.0.3", 80, "n");
  final ManualClock clock = new ManualClock();
  final EndpointPicker picker = new EndpointPicker(clock);

  List<Endpoint> picks(String client, int n) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(picker.pick(client, Set.of()).orElseThrow());
    return out;
  }

  @Test void roundRobinInOrderWhateverTheClient() {
    picker.update(List.of(A, B, C), 0);
    assertThat(picks("1.1.1.1", 4)).containsExactly(A, B, C, A);
    assertThat(picks("2.2.2.2", 2)).containsExactly(B, C);
    assertThat(picker.stickyClients()).isZero();
  }

  @Test void noEndpointsPicksNothing() {
    assertThat(picker.pick("1.1.1.1", Set.of())).isEmpty();
    picker.update(List.of(A), 60);
    assertThat(picker.pick("1.1.1.1", Set.of(A))).isEmpty();
  }

  @Test void retrySkipsFailedEndpoints() {
    picker.update(List.of(A, B, C), 0);
    assertThat(picker.pick("c", Set.of(A))).contains(B);
    assertThat(picker.pick("c", Set.of(B, C))).contains(A);
    assertThat(picker.pick("c", Set.of(A, B, C))).isEmpty();
  }

  @Test void affinityPinsAClientUntilItsTimeoutSinceLastUse() {
    picker.update(List.of(A, B, C), 10);
    assertThat(picks("x", 5)).containsOnly(A);
    assertThat(picks("y", 3)).containsOnly(B);
    clock.advance(Duration.ofSeconds(9));
    assertThat(picks("x", 1)).containsOnly(A); // refreshed
    clock.advance(Duration.ofSeconds(9));
    assertThat(picks("x", 1)).containsOnly(A);
    assertThat(picks("y", 1)).containsOnly(C); // expired: 18 s since its last connection
    assertThat(picker.stickyClients()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(10));
    assertThat(picker.stickyClients()).isZero();
  }

  @Test void aFailedStickyEndpointRepinsTheClient() {
    picker.update(List.of(A, B, C), 60);
    assertThat(picks("x", 1)).containsOnly(A);
    assertThat(picker.pick("x", Set.of(A))).contains(B);
    assertThat(picks("x", 3)).containsOnly(B);
  }

  @Test void removingAnEndpointForgetsItsClientsAndRestartsTheRotation() {
    picker.update(List.of(A, B, C), 60);
    assertThat(picks("x", 1)).containsOnly(A);
    assertThat(picks("y", 1)).containsOnly(B);
    picker.update(List.of(A, C), 60);
    assertThat(picks("y", 2)).containsOnly(A); // rotation restarted at A; y re-pinned there
    assertThat(picks("x", 1)).containsOnly(A);
  }

  @Test void anUnchangedUpdateKeepsTheRotation() {
    picker.update(List.of(A, B, C), 0);
    picks("c", 1);
    picker.update(List.of(A, B, C), 0);
    assertThat(picks("c", 1)).containsOnly(B);
  }

  @Test void turningAffinityOffForgetsEveryone() {
    picker.update(List.of(A, B, C), 60);
    picks("x", 1);
    picker.update(List.of(A, B, C), 0);
    assertThat(picker.stickyClients()).isZero();
    assertThat(picks("x", 2)).containsExactly(B, C);
  }

  @Test void pickingUnderPolicySkipsRefusedEndpointsAndSaysSo() {
    picker.update(List.of(A, B, C), 60);
    java.util.Set<Endpoint> failed = new java.util.HashSet<>();
    EndpointPicker.Judged j = picker.pickAllowed("c", failed, e -> e != A);
    assertThat(j.endpoint()).contains(B);
    assertThat(j.refused()).isTrue();
    assertThat(failed).containsExactly(A);
    assertThat(picker.pickAllowed("c", new java.util.HashSet<>(), e -> true)).as("re-pinned to B")
        .isEqualTo(new EndpointPicker.Judged(java.util.Optional.of(B), false));
    EndpointPicker.Judged none = picker.pickAllowed("c", new java.util.HashSet<>(), e -> false);
    assertThat(none.endpoint()).isEmpty();
    assertThat(none.refused()).isTrue();
    picker.update(List.of(), 0);
    assertThat(picker.pickAllowed("c", new java.util.HashSet<>(), e -> false)).as("no endpoint at all: not a refusal")
        .isEqualTo(new EndpointPicker.Judged(java.util.Optional.empty(), false));
  }
}
