package io.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.rest.AdmissionChain;
import io.j8s.apiserver.rest.WriteHook;
import io.j8s.apiserver.store.ObjectStore;
import java.time.Clock;

/**
 * The admission chain of this package, in upstream's order: LimitRanger mutates, then
 * LimitRanger validates and ResourceQuota (always last) decides and charges.
 */
public final class AdmissionPlugins implements AdmissionChain {
  private final LimitRangeAdmission limits;
  private final QuotaAdmission quota;

  public AdmissionPlugins(ObjectStore store, ResourceRegistry registry, Clock clock) {
    NamespaceObjects objects = new NamespaceObjects(store, registry);
    this.limits = new LimitRangeAdmission(objects);
    this.quota = new QuotaAdmission(objects, clock);
  }

  @Override public void mutate(ResourceType t, String ns, HasMetadata obj, ObjectNode old) {
    if (ns != null) limits.mutate(t, ns, obj, old);
  }

  @Override public WriteHook.Finish validate(ResourceType t, String ns, HasMetadata obj, ObjectNode old, boolean dryRun) {
    if (ns == null) return WriteHook.Finish.NOTHING;
    limits.validate(t, ns, obj, old);
    return quota.validate(t, ns, obj, old, dryRun);
  }
}
