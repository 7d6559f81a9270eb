package io.j8s.controllers.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Reconciler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills aggregated ClusterRoles (key: the role's name). Any ClusterRole change enqueues every
 * aggregated role, since a label or rule change anywhere may change what they gather.
 */
public final class ClusterRoleAggregationController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRoleAggregationController.class);
  private final ControllerContext ctx;
  private final SharedIndexInformer<ClusterRole> roles;

  private ClusterRoleAggregationController(ControllerContext ctx) {
    this.ctx = ctx;
    this.roles = ctx.informers().of(ClusterRole.class);
  }

  public static Controller create(ControllerContext ctx) {
    ClusterRoleAggregationController r = new ClusterRoleAggregationController(ctx);
    return new Controller("clusterrole-aggregation", 1, ctx.clock(), r).watch(r.roles, changed -> r.aggregatedNames());
  }

  private List<String> aggregatedNames() {
    List<String> out = new ArrayList<>();
    for (ClusterRole c : roles.getStore().list()) if (AggregationPlanner.aggregated(c)) out.add(c.getMetadata().getName());
    return out;
  }

  @Override public Outcome reconcile(String name) {
    ClusterRole target = roles.getStore().getByKey(name);
    if (target == null) return DONE;
    List<PolicyRule> wanted = AggregationPlanner.rules(target, roles.getStore().list());
    if (wanted == null || AggregationPlanner.same(target.getRules(), wanted)) return DONE;
    ClusterRole next = new ClusterRoleBuilder(target).withRules(wanted).build();
    try {
      ctx.client().rbac().clusterRoles().resource(next).update();
      LOG.info("clusterrole-aggregation: {} now holds {} rules", name, wanted.size());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return DONE;
      throw e; // 409: the informer will show the newer role and we run again
    }
    return DONE;
  }
}
