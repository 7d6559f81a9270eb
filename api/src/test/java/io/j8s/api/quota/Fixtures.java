package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for pods, limit ranges and quotas. */
final class Fixtures {
  private Fixtures() {}

  /** "cpu=1,memory=128Mi" as a resource list; "" is empty. */
  static Map<String, Quantity> rl(String spec) {
    Map<String, Quantity> m = new LinkedHashMap<>();
    if (spec.isEmpty()) return m;
    for (String kv : spec.split(",")) {
      String[] p = kv.split("=");
      m.put(p[0], new Quantity(p[1]));
    }
    return m;
  }

  static Container container(String name, String requests, String limits) {
    ContainerBuilder b = new ContainerBuilder().withName(name).withImage("busybox");
    if (!requests.isEmpty() || !limits.isEmpty()) {
      b.withNewResources().withRequests(requests.isEmpty() ? null : rl(requests)).withLimits(limits.isEmpty() ? null : rl(limits)).endResources();
    }
    return b.build();
  }

  static Pod pod(String name, Container... containers) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata().withNewSpec().withContainers(containers)
        .endSpec().withNewStatus().withPhase("Pending").endStatus().build();
  }

  static Pod withInit(Pod p, Container... init) {
    p.getSpec().setInitContainers(List.of(init));
    return p;
  }

  static LimitRangeItem item(String type, String min, String max, String def, String defReq, String ratio) {
    LimitRangeItem i = new LimitRangeItem();
    i.setType(type);
    if (!min.isEmpty()) i.setMin(rl(min));
    if (!max.isEmpty()) i.setMax(rl(max));
    if (!def.isEmpty()) i.setDefault(rl(def));
    if (!defReq.isEmpty()) i.setDefaultRequest(rl(defReq));
    if (!ratio.isEmpty()) i.setMaxLimitRequestRatio(rl(ratio));
    return i;
  }

  static LimitRange range(LimitRangeItem... items) {
    return new LimitRangeBuilder().withNewMetadata().withName("lr").withNamespace("ns").endMetadata().withNewSpec().withLimits(items).endSpec()
        .build();
  }

  static ResourceQuota quota(String name, String hard, String used) {
    return new ResourceQuotaBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata().withNewSpec().withHard(rl(hard))
        .endSpec().withNewStatus().withHard(rl(hard)).withUsed(used == null ? null : rl(used)).endStatus().build();
  }
}
