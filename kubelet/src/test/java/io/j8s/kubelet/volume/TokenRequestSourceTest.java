package io.j8s.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRequestSourceTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final List<TokenRequest> asked = new ArrayList<>();
  boolean failing;
  int issued;

  final TokenRequestSource source = new TokenRequestSource((ns, sa, tr) -> {
    asked.add(tr);
    if (failing) throw new KubernetesClientException("boom");
    Instant exp = clock.now().plusSeconds(tr.getSpec().getExpirationSeconds());
    return new TokenRequestBuilder(tr).withNewStatus().withToken(ns + "/" + sa + "#" + ++issued).withExpirationTimestamp(exp.toString())
        .endStatus().build();
  }, clock);

  static Pod pod(String sa) {
    return new PodBuilder().withNewMetadata().withNamespace("team").withName("web-0").withUid("uid-1").endMetadata()
        .withNewSpec().withServiceAccountName(sa).endSpec().build();
  }

  @Test
  void asksForATokenBoundToThePodWithTheProjectionsAudienceAndLifetime() throws Exception {
    assertThat(source.token(pod("robot"), "vault", 3607)).isEqualTo("team/robot#1");
    TokenRequest tr = asked.get(0);
    assertThat(tr.getSpec().getAudiences()).containsExactly("vault");
    assertThat(tr.getSpec().getExpirationSeconds()).isEqualTo(3607);
    assertThat(tr.getSpec().getBoundObjectRef().getKind()).isEqualTo("Pod");
    assertThat(tr.getSpec().getBoundObjectRef().getName()).isEqualTo("web-0");
    assertThat(tr.getSpec().getBoundObjectRef().getUid()).isEqualTo("uid-1");
    source.token(pod("robot"), "", 3607);
    assertThat(asked.get(1).getSpec().getAudiences()).isEmpty();
  }

  @Test
  void cachedUntilEightyPercentOfTheLifetimeThenRefreshed() throws Exception {
    assertThat(source.token(pod("robot"), "", 1000)).isEqualTo("team/robot#1");
    clock.advance(Duration.ofSeconds(800));
    assertThat(source.token(pod("robot"), "", 1000)).isEqualTo("team/robot#1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(source.token(pod("robot"), "", 1000)).isEqualTo("team/robot#2");
    assertThat(asked).hasSize(2);
  }

  @Test
  void refreshedAfterADayWhateverTheLifetime() {
    Instant exp = Instant.parse("2026-02-01T00:00:00Z");
    long year = 365L * 86400;
    assertThat(TokenRefresh.needed(exp.minusSeconds(year).plus(Duration.ofHours(24)), exp, year)).isFalse();
    assertThat(TokenRefresh.needed(exp.minusSeconds(year).plus(Duration.ofHours(24)).plusSeconds(1), exp, year)).isTrue();
  }

  @Test
  void aFailedRefreshServesTheCachedTokenWhileValidThenFails() throws Exception {
    source.token(pod("robot"), "", 1000);
    failing = true;
    clock.advance(Duration.ofSeconds(900));
    assertThat(source.token(pod("robot"), "", 1000)).isEqualTo("team/robot#1");
    clock.advance(Duration.ofSeconds(100));
    assertThatThrownBy(() -> source.token(pod("robot"), "", 1000)).isInstanceOf(TokenSource.TokenUnavailableException.class)
        .hasMessageContaining("team/robot").hasMessageContaining("boom");
  }

  @Test
  void keyedByAccountAudienceAndLifetimeAndExpiredEntriesDropped() throws Exception {
    source.token(pod("robot"), "", 1000);
    source.token(pod("robot"), "a", 1000);
    source.token(pod("other"), "", 1000);
    source.token(pod(null), "", 2000);
    assertThat(asked.get(3).getSpec().getBoundObjectRef().getName()).isEqualTo("web-0");
    assertThat(source.cached()).isEqualTo(4);
    clock.advance(Duration.ofSeconds(1000));
    source.token(pod("robot"), "", 5000);
    assertThat(source.cached()).isEqualTo(2);
  }
}
