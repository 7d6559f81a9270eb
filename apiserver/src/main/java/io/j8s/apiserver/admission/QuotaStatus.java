package io.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.j8s.api.quota.QuotaUsage;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.store.Json;
import io.j8s.storage.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes quota status for admission, always under the namespace's write lock: the
 * namespace's quotas as stored, a quota's usage counted from live lists, and a charge written
 * with a compare-and-swap against the version the decision read (recounted when that moved).
 */
final class QuotaStatus {
  /** A quota as the decision read it and the usage to write to it. */
  record Charge(ResourceQuota basis, Map<String, Quantity> used) {}

  private final NamespaceObjects objects;
  private final ResourceType quotas;
  private final Clock clock;

  QuotaStatus(NamespaceObjects objects, ResourceType quotas, Clock clock) {
    this.objects = objects;
    this.quotas = quotas;
    this.clock = clock;
  }

  Instant now() { return clock.instant(); }

  List<ResourceQuota> read(String ns) { return objects.list(quotas, ns, ResourceQuota.class); }

  /**
   * A quota being created, or whose spec changes, gets status.hard = spec.hard and its usage
   * counted (a new quota counts itself among resourcequotas). Status-only writes (the quota
   * controller's) keep what they wrote.
   */
  void prepare(String ns, ResourceQuota q, ObjectNode old) {
    if (old != null && Objects.equals(NamespaceObjects.tree(q).path("spec"), old.path("spec"))) return;
    List<HasMetadata> self = old == null ? List.of(q) : List.of();
    q.setStatus(counted(ns, q, self));
  }

  /** Writes the quota's freshly counted status. */
  void recount(String ns, ResourceQuota q) {
    for (int attempt = 0; attempt < 5; attempt++) {
      ObjectNode cur = objects.store().get(quotas, ns, q.getMetadata().getName()).orElse(null);
      if (cur == null) return;
      ResourceQuota fresh = NamespaceObjects.typed(cur, ResourceQuota.class);
      fresh.setStatus(counted(ns, fresh, List.of()));
      try {
        write(ns, fresh, Long.parseLong(Json.meta(cur).path("resourceVersion").asText()));
        return;
      } catch (StorageException.Conflict e) {
        // written by another server meanwhile: count again
      }
    }
  }

  /** Applies a decision's charge, or recounts if the quota moved since the decision read it. */
  void charge(String ns, Charge c) {
    ResourceQuota q = c.basis();
    q.getStatus().setUsed(new LinkedHashMap<>(c.used()));
    try {
      write(ns, q, Long.parseLong(q.getMetadata().getResourceVersion()));
    } catch (StorageException.Conflict e) {
      recount(ns, q);
    }
  }

  private void write(String ns, ResourceQuota q, long rev) {
    ObjectNode node = NamespaceObjects.tree(q);
    Json.meta(node).remove("resourceVersion");
    objects.store().update(quotas, ns, q.getMetadata().getName(), node, rev);
  }

  private ResourceQuotaStatus counted(String ns, ResourceQuota q, List<HasMetadata> extraQuotas) {
    Map<String, Quantity> hard = q.getSpec() == null || q.getSpec().getHard() == null ? Map.of() : q.getSpec().getHard();
    ResourceQuota probe = new ResourceQuota();
    probe.setMetadata(q.getMetadata());
    probe.setSpec(q.getSpec());
    probe.setStatus(new ResourceQuotaStatus(new LinkedHashMap<>(hard), null));
    Map<String, Quantity> used = QuotaUsage.used(probe, r -> {
      var t = objects.type(r.group(), r.plural());
      if (t.isEmpty()) return List.of();
      List<HasMetadata> list = new ArrayList<>(objects.list(t.get(), ns));
      if (r.group().isEmpty() && r.plural().equals("resourcequotas")) list.addAll(extraQuotas);
      return list;
    }, now());
    return new ResourceQuotaStatus(new LinkedHashMap<>(hard), new LinkedHashMap<>(used));
  }
}
