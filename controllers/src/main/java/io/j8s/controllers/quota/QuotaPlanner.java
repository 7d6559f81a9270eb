package io.j8s.controllers.quota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.j8s.api.quota.Quantities;
import io.j8s.api.quota.QuotaUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Pure: the status a quota should have for the objects of its namespace, if it differs from what it has. */
public final class QuotaPlanner {
  private QuotaPlanner() {}

  public static ResourceQuotaStatus desired(ResourceQuota q, Function<QuotaUsage.Resource, List<? extends HasMetadata>> objects, Instant now) {
    Map<String, Quantity> hard = q.getSpec() == null || q.getSpec().getHard() == null ? Map.of() : q.getSpec().getHard();
    ResourceQuota probe = new ResourceQuota();
    probe.setMetadata(q.getMetadata());
    probe.setSpec(q.getSpec());
    probe.setStatus(new ResourceQuotaStatus(new LinkedHashMap<>(hard), null));
    return new ResourceQuotaStatus(new LinkedHashMap<>(hard), new LinkedHashMap<>(QuotaUsage.used(probe, objects, now)));
  }

  /** The status to write, or empty when the quota's status already says it (numerically). */
  public static Optional<ResourceQuotaStatus> plan(ResourceQuota q, Function<QuotaUsage.Resource, List<? extends HasMetadata>> objects,
      Instant now) {
    ResourceQuotaStatus want = desired(q, objects, now);
    ResourceQuotaStatus have = q.getStatus();
    if (have != null && Quantities.equal(have.getHard(), want.getHard()) && Quantities.equal(have.getUsed(), want.getUsed())) {
      return Optional.empty();
    }
    return Optional.of(want);
  }
}
