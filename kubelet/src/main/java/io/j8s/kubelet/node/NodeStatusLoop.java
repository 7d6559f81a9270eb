package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code interval} (10 s): reads the Node, samples the host, computes the status and posts
 * it through {@code nodes/status} when {@link NodeStatusReport} says so (up to 5 attempts on
 * conflicts, as upstream's nodeStatusUpdateRetry). A Node that was deleted is registered again
 * first. {@code onPosted} sees every Node this loop wrote or registered.
 */
public final class NodeStatusLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeStatusLoop.class);
  static final int UPDATE_RETRIES = 5;

  private final KubernetesClient client;
  private final NodeFacts facts;
  private final Supplier<NodeSample> sampler;
  private final NodeStatusCalculator calculator;
  private final NodeStatusReport report;
  private final NodeRegistrar registrar;
  private final Clock clock;
  private final Duration interval;
  private final Consumer<Node> onPosted;
  private final PeriodicLoop loop;
  private Instant lastReport;

  public NodeStatusLoop(KubernetesClient client, NodeFacts facts, Supplier<NodeSample> sampler, NodeStatusCalculator calculator,
      NodeStatusReport report, Clock clock, Duration interval, Consumer<Node> onPosted) {
    this.client = client;
    this.facts = facts;
    this.sampler = sampler;
    this.calculator = calculator;
    this.report = report;
    this.registrar = new NodeRegistrar(client, facts);
    this.clock = clock;
    this.interval = interval;
    this.onPosted = onPosted;
    this.loop = new PeriodicLoop("node-status-" + facts.nodeName(), this::step, Duration.ofMillis(200), interval);
  }

  public NodeStatusLoop start() {
    loop.start();
    return this;
  }

  /** Computes and (if due) posts now rather than at the next tick. */
  public void wake() { loop.wake(); }

  private Duration step() {
    sync();
    return interval;
  }

  /** One pass; returns what it decided. Throws on API errors (the loop backs off). */
  NodeStatusReport.Decision sync() {
    for (int attempt = 1; ; attempt++) {
      Node node = client.nodes().withName(facts.nodeName()).get();
      if (node == null) {
        node = registrar.register();
        LOG.info("node {} was deleted while the agent ran: registered it again (uid {})", facts.nodeName(), node.getMetadata().getUid());
        onPosted.accept(node);
        lastReport = null;
      }
      Instant now = clock.now();
      NodeStatus current = node.getStatus();
      NodeStatus computed = calculator.compute(facts, sampler.get(), current, now);
      NodeStatusReport.Decision d = report.decide(current, computed, lastReport, now);
      if (d == NodeStatusReport.Decision.SKIP) return d;
      node.setStatus(computed);
      try {
        Node written = client.nodes().resource(node).updateStatus();
        lastReport = now;
        onPosted.accept(written);
        return d;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= UPDATE_RETRIES) throw e;
      }
    }
  }

  @Override
  public void close() { loop.close(); }
}
