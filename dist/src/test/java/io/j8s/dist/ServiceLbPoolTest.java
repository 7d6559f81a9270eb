package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.j8s.apiserver.ApiServerConfig;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service load balancer with an address pool (--servicelb-pool), seen through kubectl. */
@Tag("integration")
class ServiceLbPoolTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  static String ingress(Kubectl k, String svc) {
    return k.ok("get", "svc", svc, "-o", "jsonpath={.status.loadBalancer.ingress[*].ip}");
  }

  @Test
  void poolAddressesAreUniqueStableAndReleased(@TempDir Path tmp) throws Exception {
    var config = new ApiServerConfig(tmp, "127.0.0.1", 0, "sqlite:", "10.43.0.0/16", List.of("127.0.0.1"), ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES);
    try (ServerRuntime rt = ServerRuntime.start(config, ControllerOptions.DEFAULTS.withServiceLbPool("192.168.100.0/30"))) {
      Kubectl k = new Kubectl(tmp.resolve("kubeconfig.yaml"));
      k.ok("create", "service", "loadbalancer", "a", "--tcp=80:8080");
      await().atMost(WAIT).until(() -> ingress(k, "a").equals("192.168.100.1"));
      k.okWithInput("""
          apiVersion: v1
          kind: Service
          metadata: {name: b}
          spec: {type: LoadBalancer, loadBalancerIP: 192.168.100.2, ports: [{port: 80}]}
          """, "create", "-f", "-");
      await().atMost(WAIT).until(() -> ingress(k, "b").equals("192.168.100.2"));
      assertThat(k.ok("get", "svc", "b")).contains("192.168.100.2");
      // the /30 pool has two addresses: a third service waits, with a warning
      k.ok("create", "service", "loadbalancer", "c", "--tcp=80:8080");
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("get", "events"))
          .contains("SyncLoadBalancerFailed"));
      assertThat(ingress(k, "c")).isEmpty();
      assertThat(k.ok("get", "svc", "c")).contains("<pending>");
      // another class is left alone
      k.okWithInput("""
          apiVersion: v1
          kind: Service
          metadata: {name: other}
          spec: {type: LoadBalancer, loadBalancerClass: example.com/lb, ports: [{port: 80}]}
          """, "create", "-f", "-");
      // a stops being a LoadBalancer: its status clears and c gets its address
      // the type alone, as users do: the API server drops the untouched externalTrafficPolicy and NodePorts, as upstream
      k.ok("patch", "svc", "a", "--type=merge", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}");
      await().atMost(WAIT).until(() -> ingress(k, "a").isEmpty() && ingress(k, "c").equals("192.168.100.1"));
      // b keeps its address through unrelated changes; deleting it frees the address
      k.ok("label", "svc", "b", "x=y");
      Thread.sleep(1000);
      assertThat(ingress(k, "b")).isEqualTo("192.168.100.2");
      assertThat(ingress(k, "other")).isEmpty();
      k.ok("delete", "svc", "b");
      k.ok("create", "service", "loadbalancer", "d", "--tcp=80:8080");
      await().atMost(WAIT).until(() -> ingress(k, "d").equals("192.168.100.2"));
    }
  }
}
