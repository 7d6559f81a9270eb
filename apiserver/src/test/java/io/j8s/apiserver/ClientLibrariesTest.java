package io.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** fabric8 informers and the Python client list and watch against j8s without errors. */
@Tag("integration")
@WithJ8sServer
class ClientLibrariesTest {

  static KubernetesClient client(RunningServer server) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Test
  void fabric8InformerListsAndWatches(RunningServer server) throws Exception {
    try (KubernetesClient c = client(server)) {
      c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("inf").endMetadata().build()).create();
      c.configMaps().inNamespace("inf").resource(cm("before", "1")).create();
      Map<String, String> seen = new ConcurrentHashMap<>();
      List<String> deleted = new CopyOnWriteArrayList<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      SharedIndexInformer<ConfigMap> inf = c.configMaps().inNamespace("inf").runnableInformer(0);
      inf.addEventHandler(new ResourceEventHandler<>() {
        @Override public void onAdd(ConfigMap o) { seen.put(o.getMetadata().getName(), o.getData().get("v")); }
        @Override public void onUpdate(ConfigMap a, ConfigMap b) { seen.put(b.getMetadata().getName(), b.getData().get("v")); }
        @Override public void onDelete(ConfigMap o, boolean unknown) { deleted.add(o.getMetadata().getName()); }
      });
      inf.exceptionHandler((running, t) -> {
        errors.add(t);
        return true;
      });
      inf.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(seen.get("before")));
      c.configMaps().inNamespace("inf").resource(cm("after", "2")).create();
      c.configMaps().inNamespace("inf").withName("before").edit(m -> {
        m.getData().put("v", "3");
        return m;
      });
      c.configMaps().inNamespace("inf").withName("after").delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> "3".equals(seen.get("before")) && deleted.contains("after"));
      assertThat(seen).containsEntry("after", "2");
      assertThat(errors).isEmpty();
      inf.close();
    }
  }

  private static ConfigMap cm(String name, String v) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("v", v).build();
  }

  @Test
  void pythonClientListsAndWatches(RunningServer server, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path script = tmp.resolve("client.py");
    Files.writeString(script, """
        import sys
        from kubernetes import client, config, watch
        config.load_kube_config(config_file=sys.argv[1])
        v1 = client.CoreV1Api()
        v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py")))
        v1.create_namespaced_config_map("py", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="c1"), data={"k": "v"}))
        listed = v1.list_namespaced_config_map("py")
        print("listed", [c.metadata.name for c in listed.items], listed.metadata.resource_version)
        w = watch.Watch()
        seen = []
        for ev in w.stream(v1.list_namespaced_config_map, "py", resource_version=listed.metadata.resource_version, timeout_seconds=5):
            seen.append(ev["type"] + ":" + ev["object"].metadata.name)
            if len(seen) == 1:
                break
        print("watched", seen)
        """);
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(2500);
        try (KubernetesClient c = client(server)) {
          c.configMaps().inNamespace("py").resource(cm("c2", "x")).create();
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    ProcessResult r = new ProcessRunner().timeout(Duration.ofSeconds(60))
        .run("/usr/bin/python3", script.toString(), server.kubeconfig().toString());
    writer.join();
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("listed ['c1']").contains("watched ['ADDED:c2']");
  }
}
