package io.j8s.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Reconciler;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a {@code default} ServiceAccount in every active namespace, keyed by namespace name. */
public final class ServiceAccountController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountController.class);
  private final ControllerContext ctx;
  private final SharedIndexInformer<Namespace> namespaces;
  private final SharedIndexInformer<ServiceAccount> accounts;

  private ServiceAccountController(ControllerContext ctx) {
    this.ctx = ctx;
    this.namespaces = ctx.informers().of(Namespace.class);
    this.accounts = ctx.informers().of(ServiceAccount.class);
  }

  public static Controller create(ControllerContext ctx) {
    ServiceAccountController r = new ServiceAccountController(ctx);
    return new Controller("serviceaccount", 2, ctx.clock(), r)
        .watchSelf(r.namespaces)
        .watch(r.accounts, sa -> ServiceAccountPlanner.DEFAULT.equals(sa.getMetadata().getName())
            ? List.of(sa.getMetadata().getNamespace()) : List.of());
  }

  @Override public Outcome reconcile(String namespace) {
    Namespace ns = namespaces.getStore().getByKey(namespace);
    boolean terminating = ns != null && (ns.getMetadata().getDeletionTimestamp() != null
        || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())));
    Set<String> names = accounts.getStore().list().stream().filter(sa -> namespace.equals(sa.getMetadata().getNamespace()))
        .map(sa -> sa.getMetadata().getName()).collect(Collectors.toSet());
    if (!ServiceAccountPlanner.needsDefault(ns != null, terminating, names)) return DONE;
    try {
      ctx.client().serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
          .withName(ServiceAccountPlanner.DEFAULT).withNamespace(namespace).endMetadata().build()).create();
      LOG.info("serviceaccount: created {}/default", namespace);
    } catch (KubernetesClientException e) {
      // 409: it exists already (our cache lags); 403/404 while the namespace is going away: nothing to do.
      if (e.getCode() != 409 && e.getCode() != 403 && e.getCode() != 404) throw e;
    }
    return DONE;
  }
}
