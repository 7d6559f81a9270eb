package io.j8s.dist;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A Node object for tests that run a real pod manager without the node agent: Ready, with a Lease renewed every 10 s. */
final class TestNode implements AutoCloseable {
  private final KubernetesClient client;
  private final String name;
  private final Thread heartbeat;

  TestNode(KubernetesClient client, String name, String internalIp) {
    this.client = client;
    this.name = name;
    String now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString();
    Node n = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
        .withNewSpec().endSpec().build();
    client.nodes().resource(n).create();
    client.nodes().withName(name).editStatus(x -> new NodeBuilder(x).withNewStatus()
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").withLastHeartbeatTime(now)
        .withLastTransitionTime(now).endCondition()
        .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
        .addToCapacity("pods", new io.fabric8.kubernetes.api.model.Quantity("110")).endStatus().build());
    heartbeat = Thread.ofVirtual().name("test-node-lease").start(this::renewLoop);
  }

  private void renewLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        var leases = client.leases().inNamespace("kube-node-lease");
        Lease l = leases.withName(name).get();
        ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC);
        if (l == null) {
          leases.resource(new LeaseBuilder().withNewMetadata().withName(name).withNamespace("kube-node-lease").endMetadata()
              .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(t).endSpec().build()).create();
        } else {
          l.getSpec().setRenewTime(t);
          leases.resource(l).update();
        }
      } catch (RuntimeException e) {
        // the next round tries again
      }
      try {
        Thread.sleep(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() { heartbeat.interrupt(); }
}
