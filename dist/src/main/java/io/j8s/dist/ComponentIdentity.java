package io.j8s.dist;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.apiserver.pki.ClusterPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The identities the server's own components use towards the API, as upstream's components have
 * them (none is cluster-admin): each gets a client certificate from the cluster's client CA,
 * issued at every start and kept as {@code <data-dir>/server/cred/<file>.kubeconfig} (mode 0600,
 * as k3s keeps them). What each may do is the API server's default RBAC policy for that user.
 */
enum ComponentIdentity {
  /** The controllers: bound to {@code system:kube-controller-manager} and every {@code system:controller:*} role they run. */
  CONTROLLER_MANAGER("system:kube-controller-manager", "controller"),
  /** The scheduler: {@code system:kube-scheduler}. */
  SCHEDULER("system:kube-scheduler", "scheduler"),
  /** The cluster DNS: {@code system:coredns} (list/watch Services, EndpointSlices, Endpoints, Pods, Namespaces). */
  DNS("system:coredns", "coredns"),
  /** kube-proxy run on its own: {@code system:node-proxier}. Beside a node agent it uses the node's identity. */
  KUBE_PROXY("system:kube-proxy", "kubeproxy");

  final String user;
  final String file;

  ComponentIdentity(String user, String file) {
    this.user = user;
    this.file = file;
  }

  Path kubeconfig(Path dataDir) { return dataDir.resolve("server/cred/" + file + ".kubeconfig"); }

  /** Issues this identity's certificate, writes its kubeconfig for {@code serverUrl} and returns a client with it; the caller closes it. */
  KubernetesClient client(Path dataDir, String serverUrl) throws Exception {
    Path f = kubeconfig(dataDir);
    Files.createDirectories(f.getParent());
    ClusterPki.writeUserKubeconfig(dataDir, f, serverUrl, user, List.of());
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(f))).build();
  }
}
