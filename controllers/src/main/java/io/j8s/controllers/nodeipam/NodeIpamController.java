package io.j8s.controllers.nodeipam;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.controllers.runtime.Reconciler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each Node a Pod subnet: the allocation state is rebuilt from the informer's nodes on
 * the first sync of a term (so it survives restarts and leader changes), then every node event
 * runs {@link NodeCidrs#observe} and the decision is applied with a merge patch or an event.
 */
public final class NodeIpamController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(NodeIpamController.class);
  static final Duration FULL_RETRY = Duration.ofSeconds(30);
  private final ControllerContext ctx;
  private final SharedIndexInformer<Node> nodes;
  private final CidrSet fresh;
  private NodeCidrs cidrs;
  private Controller controller;

  private NodeIpamController(ControllerContext ctx) {
    this.ctx = ctx;
    this.nodes = ctx.informers().of(Node.class);
    this.fresh = new CidrSet(ctx.options().clusterCidr(), ctx.options().nodeCidrMaskSize());
  }

  /** Refuses a cluster CIDR and mask size that cannot be cut into node subnets (IllegalArgumentException saying why). */
  public static void check(ControllerOptions options) {
    new CidrSet(options.clusterCidr(), options.nodeCidrMaskSize());
  }

  public static Controller create(ControllerContext ctx) {
    NodeIpamController r = new NodeIpamController(ctx);
    r.controller = new Controller("node-ipam", 1, ctx.clock(), r).watchSelf(r.nodes);
    return r.controller;
  }

  @Override public Outcome reconcile(String name) {
    Node node = nodes.getStore().getByKey(name);
    NodeCidrs.Decision d;
    synchronized (this) {
      if (cidrs == null) cidrs = rebuild();
      d = cidrs.observe(name, node != null, node == null || node.getSpec() == null ? null : node.getSpec().getPodCIDR());
    }
    switch (d) {
      case NodeCidrs.Decision.Nothing n -> { }
      case NodeCidrs.Decision.Released r -> {
        LOG.info("node-ipam: released {} of deleted node {}", r.cidr(), name);
        // A node waiting for a free range may now get one.
        for (Node other : nodes.getStore().list()) {
          if (other.getSpec() == null || other.getSpec().getPodCIDR() == null) controller.enqueue(other.getMetadata().getName());
        }
      }
      case NodeCidrs.Decision.Assign a -> assign(name, a.cidr());
      case NodeCidrs.Decision.Full f -> {
        ctx.events().warning(node, "CIDRNotAvailable", "Node " + name + " status is now: CIDRNotAvailable");
        LOG.warn("node-ipam: no free Pod range in {} for node {}", ctx.options().clusterCidr(), name);
        return Reconciler.requeueAfter(FULL_RETRY);
      }
    }
    return DONE;
  }

  private void assign(String name, String cidr) {
    String patch = "{\"spec\":{\"podCIDR\":\"" + cidr + "\",\"podCIDRs\":[\"" + cidr + "\"]}}";
    try {
      ctx.client().nodes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      LOG.info("node-ipam: node {} gets Pod range {}", name, cidr);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        synchronized (this) { cidrs.forget(name); }
        return;
      }
      throw e;
    }
  }

  private NodeCidrs rebuild() {
    Map<String, String> existing = new HashMap<>();
    for (Node n : nodes.getStore().list()) existing.put(n.getMetadata().getName(), n.getSpec() == null ? null : n.getSpec().getPodCIDR());
    NodeCidrs c = NodeCidrs.rebuild(fresh, existing);
    LOG.info("node-ipam: {} nodes, {} of {} Pod ranges free in {}", existing.size(), c.free(), fresh.capacity(), ctx.options().clusterCidr());
    return c;
  }
}
