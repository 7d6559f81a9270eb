package io.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.j8s.api.quota.Evaluator;
import io.j8s.api.quota.QuotaCheck;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.WriteHook;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's ResourceQuota admission with charging after the store under the namespace's
 * write lock (see the package description for why no interleaving exceeds a quota). Creates of
 * every namespaced kind but events are evaluated; updates only of services and claims (the
 * kinds whose usage an update can grow); a ResourceQuota's own writes get their status
 * (hard mirrored from spec, used counted live) when created or when their spec changes.
 */
final class QuotaAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaAdmission.class);
  private static final Set<String> IGNORED = Set.of("events");

  private final NamespaceObjects objects;
  private final QuotaStatus status;
  private final ResourceType quotas;
  private final NamespaceLocks locks = new NamespaceLocks(64);

  QuotaAdmission(NamespaceObjects objects, Clock clock) {
    this.objects = objects;
    this.quotas = objects.type("", "resourcequotas").orElseThrow();
    this.status = new QuotaStatus(objects, quotas, clock);
  }

  WriteHook.Finish validate(ResourceType t, String ns, HasMetadata obj, ObjectNode old, boolean dryRun) {
    if (ns == null || IGNORED.contains(t.plural())) return WriteHook.Finish.NOTHING;
    boolean isQuota = t.group().isEmpty() && t.plural().equals("resourcequotas");
    Evaluator ev = Evaluator.of(t.group(), t.plural());
    boolean charges = old == null || ev.chargesUpdates();
    if (!charges && !isQuota) return WriteHook.Finish.NOTHING;
    HasMetadata before = old == null || !charges ? null : NamespaceObjects.typed(old, obj.getClass());
    if (dryRun) {
      decide(t, ns, ev, obj, before, status.read(ns), false);
      return WriteHook.Finish.NOTHING;
    }
    var rw = locks.of(ns);
    if (!isQuota) {
      rw.readLock().lock();
      boolean keep = false;
      try {
        List<ResourceQuota> all = status.read(ns);
        if (all.stream().noneMatch(q -> ev.matches(q, QuotaCheck.hard(q).keySet(), obj))) {
          keep = true;
          return stored -> rw.readLock().unlock();
        }
      } finally {
        if (!keep) rw.readLock().unlock();
      }
    }
    Lock write = rw.writeLock();
    write.lock();
    try {
      if (isQuota) status.prepare(ns, (ResourceQuota) obj, old);
      List<QuotaStatus.Charge> charge = charges ? decide(t, ns, ev, obj, before, status.read(ns), true) : List.of();
      return stored -> {
        try {
          if (stored) for (QuotaStatus.Charge c : charge) status.charge(ns, c);
        } catch (RuntimeException e) {
          LOG.warn("quota: charging {} in {} failed, the quota controller will recount: {}", t.plural(), ns, e.toString());
        } finally {
          write.unlock();
        }
      };
    } catch (RuntimeException | Error e) {
      write.unlock();
      throw e;
    }
  }

  /** The charges of an allowed request; throws 403 when it does not fit. */
  private List<QuotaStatus.Charge> decide(ResourceType t, String ns, Evaluator ev,
      HasMetadata obj, HasMetadata before, List<ResourceQuota> current, boolean recount) {
    for (int attempt = 0; ; attempt++) {
      QuotaCheck.Result r = QuotaCheck.check(current, ev, obj, before, status.now());
      switch (r) {
        case QuotaCheck.Allowed a -> {
          List<ResourceQuota> basis = current;
          return a.charges().entrySet().stream().map(e -> new QuotaStatus.Charge(basis.stream()
              .filter(q -> q.getMetadata().getName().equals(e.getKey())).findFirst().orElseThrow(), e.getValue())).toList();
        }
        case QuotaCheck.Denied d -> throw forbidden(t, obj, d.message());
        case QuotaCheck.UsageUnknown u -> {
          if (!recount || attempt > 0) {
            throw forbidden(t, obj, "status unknown for quota: " + String.join(", ", u.quotas()));
          }
          for (ResourceQuota q : current) if (u.quotas().contains(q.getMetadata().getName())) status.recount(ns, q);
          current = status.read(ns);
        }
      }
    }
  }

  static ApiException forbidden(ResourceType t, HasMetadata obj, String why) {
    String resource = t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
    String name = obj.getMetadata() == null ? "" : Objects.toString(obj.getMetadata().getName(), "");
    return ApiException.forbidden(resource + " \"" + name + "\" is forbidden: " + why, t.group(), t.plural(), name);
  }

}
