package io.j8s.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceDefaultsTest {
  @Test
  void aPodContainerWithOnlyALimitRequestsIt() {
    Pod p = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("b")
        .withNewResources().withLimits(Map.of("cpu", new Quantity("1"))).withRequests(Map.of("memory", new Quantity("1Mi"))).endResources()
        .endContainer().endSpec().build();
    Defaulter.apply(p);
    assertThat(p.getSpec().getContainers().get(0).getResources().getRequests())
        .isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Mi")));
  }

  @Test
  void limitRangeContainerDefaultsComeFromMaxAndMin() {
    LimitRange l = new LimitRangeBuilder().withNewMetadata().withName("l").endMetadata().withNewSpec().addNewLimit().withType("Container")
        .withMax(Map.of("cpu", new Quantity("2"))).withMin(Map.of("memory", new Quantity("1Mi"))).endLimit()
        .addNewLimit().withType("Pod").withMax(Map.of("cpu", new Quantity("4"))).endLimit().endSpec().build();
    Defaulter.apply(l);
    var c = l.getSpec().getLimits().get(0);
    assertThat(c.getDefault()).isEqualTo(Map.of("cpu", new Quantity("2")));
    assertThat(c.getDefaultRequest()).isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Mi")));
    assertThat(l.getSpec().getLimits().get(1).getDefault()).isNullOrEmpty();
  }
}
