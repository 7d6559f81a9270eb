package io.j8s.kubelet.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.stats.KubeletReports;
import io.j8s.kubelet.stats.PromText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kubelet API's paths, as upstream's kubelet server names them. */
final class KubeletRoutes implements Consumer<KubeletExchange> {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletRoutes.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final CriRuntime cri;
  private final ContainerLocator locator;
  private final Supplier<List<Pod>> pods;
  private final ContainerLogs logs;
  private final KubeletReports reports;

  KubeletRoutes(CriRuntime cri, Supplier<List<Pod>> pods, KubeletReports reports) {
    this.cri = cri;
    this.reports = reports;
    this.locator = new ContainerLocator(cri);
    this.pods = pods;
    this.logs = new ContainerLogs(cri, locator, pods);
  }

  @Override public void accept(KubeletExchange ex) {
    List<String> parts = new ArrayList<>();
    for (String p : ex.path().split("/")) if (!p.isEmpty()) parts.add(p);
    String root = parts.isEmpty() ? "" : parts.get(0);
    try {
      switch (root) {
        case "healthz" -> ex.text(200, "ok");
        case "pods" -> ex.respond(200, "application/json",
            JSON.asJson(new PodListBuilder().withItems(pods.get()).build()).getBytes(StandardCharsets.UTF_8));
        case "containerLogs" -> {
          if (parts.size() != 4) throw new IllegalArgumentException("expected /containerLogs/{namespace}/{pod}/{container}");
          logs.serve(ex, parts.get(1), parts.get(2), parts.get(3));
        }
        case "exec", "attach" -> stream(ex, root, parts);
        case "metrics" -> {
          if (parts.size() == 1) {
            ex.respond(200, PromText.CONTENT_TYPE, reports.metrics().getBytes(StandardCharsets.UTF_8));
          } else if (parts.size() == 2 && parts.get(1).equals("resource")) {
            ex.respond(200, PromText.CONTENT_TYPE, reports.resourceMetrics().getBytes(StandardCharsets.UTF_8));
          } else {
            Statuses.fail(ex, 404, "the server could not find the requested resource: " + ex.path());
          }
        }
        case "stats" -> {
          if (parts.size() == 2 && parts.get(1).equals("summary")) {
            ex.respond(200, "application/json", JSON.asJson(reports.summary()).getBytes(StandardCharsets.UTF_8));
          } else {
            Statuses.fail(ex, 404, "the server could not find the requested resource: " + ex.path());
          }
        }
        case "portForward" -> portForward(ex, parts);
        default -> Statuses.fail(ex, 404, "the server could not find the requested resource: " + ex.path());
      }
    } catch (IllegalArgumentException e) {
      Statuses.fail(ex, 400, e.getMessage());
    } catch (CriException e) {
      LOG.warn("kubelet API {}: {}", ex.path(), e.getMessage());
      Statuses.fail(ex, 500, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.channel().close();
    } catch (IOException e) {
      LOG.warn("kubelet API {}: {}", ex.path(), e.toString());
      ex.channel().close();
    }
  }

  /** /exec|attach/{ns}/{pod}[/{uid}]/{container}?command=..&stdin=1&stdout=1&stderr=1&tty=1 */
  private void stream(KubeletExchange ex, String what, List<String> parts) throws InterruptedException {
    if (parts.size() != 4 && parts.size() != 5) throw new IllegalArgumentException("expected /" + what + "/{namespace}/{pod}[/{uid}]/{container}");
    String ns = parts.get(1), pod = parts.get(2), container = parts.get(parts.size() - 1);
    String uid = parts.size() == 5 ? parts.get(3) : null;
    boolean tty = LogOptions.bool(ex.params(), "tty");
    boolean stdin = LogOptions.bool(ex.params(), "stdin");
    boolean stdout = LogOptions.bool(ex.params(), "stdout");
    boolean stderr = LogOptions.bool(ex.params(), "stderr") && !tty; // a terminal merges stderr into stdout
    if (!stdin && !stdout && !LogOptions.bool(ex.params(), "stderr")) {
      throw new IllegalArgumentException("you must specify at least 1 of stdin, stdout, stderr");
    }
    List<Container> attempts = locator.attempts(ns, pod, uid, container);
    Optional<Container> running = attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1))
        .filter(c -> c.getState() == ContainerState.CONTAINER_RUNNING);
    if (running.isEmpty()) {
      Statuses.fail(ex, 400, "container \"" + container + "\" in pod \"" + pod + "\" is not running");
      return;
    }
    String url;
    if (what.equals("exec")) {
      List<String> command = ex.params().getOrDefault("command", List.of());
      if (command.isEmpty()) throw new IllegalArgumentException("you must specify at least one command for the container");
      url = cri.exec(running.get().getId(), command, tty, stdin, stdout, stderr);
    } else {
      url = cri.attach(running.get().getId(), tty, stdin, stdout, stderr);
    }
    StreamingProxy.relay(ex, url, null);
  }

  /** /portForward/{ns}/{pod}[/{uid}] (ports in SPDY stream headers, or ?ports= for WebSocket clients) */
  private void portForward(KubeletExchange ex, List<String> parts) throws InterruptedException {
    if (parts.size() != 3 && parts.size() != 4) throw new IllegalArgumentException("expected /portForward/{namespace}/{pod}[/{uid}]");
    Optional<PodSandbox> sandbox = locator.readySandbox(parts.get(1), parts.get(2), parts.size() == 4 ? parts.get(3) : null);
    if (sandbox.isEmpty()) {
      Statuses.fail(ex, 400, "pod \"" + parts.get(2) + "\" has no ready sandbox on this node");
      return;
    }
    String url = cri.portForward(sandbox.get().getId(), List.of());
    StreamingProxy.relay(ex, url, ex.rawQuery());
  }
}
