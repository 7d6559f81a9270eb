package io.j8s.dns.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The {@code kube-system/kube-dns} Service as upstream's CoreDNS manifests make it (ports dns
 * 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP; labels k8s-app=kube-dns), without a selector since
 * the DNS is no pod, and an EndpointSlice of ours pointing at where the DNS listens.
 */
public final class KubeDnsService {
  public static final String NAMESPACE = "kube-system", NAME = "kube-dns";
  public static final String SLICE_NAME = "kube-dns-j8s";
  public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by", MANAGED_BY = "j8s-dns";
  public static final int DNS_PORT = 53, METRICS_PORT = 9153;

  private KubeDnsService() {}

  /** The tenth address of the service range ({@code 10.43.0.0/16} gives {@code 10.43.0.10}), the cluster DNS IP by convention. */
  public static String tenthAddress(String serviceCidr) {
    String[] f = serviceCidr.split("/");
    try {
      if (!f[0].matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) throw new UnknownHostException(f[0]);
      byte[] base = InetAddress.getByName(f[0]).getAddress(); // a literal: no lookup
      byte[] out = new BigInteger(1, base).add(BigInteger.TEN).toByteArray();
      byte[] addr = new byte[base.length];
      System.arraycopy(out, Math.max(0, out.length - addr.length), addr, Math.max(0, addr.length - out.length), Math.min(out.length, addr.length));
      return InetAddress.getByAddress(addr).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("service CIDR '" + serviceCidr + "' is not an address range", e);
    }
  }

  public static Service service(String clusterIp) {
    return new ServiceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME)
        .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true", "kubernetes.io/name", "CoreDNS"))
        .withAnnotations(Map.of("prometheus.io/port", "9153", "prometheus.io/scrape", "true")).endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp).withClusterIPs(clusterIp)
        .addNewPort().withName("dns").withProtocol("UDP").withPort(DNS_PORT).withNewTargetPort(DNS_PORT).endPort()
        .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(DNS_PORT).withNewTargetPort(DNS_PORT).endPort()
        .addNewPort().withName("metrics").withProtocol("TCP").withPort(METRICS_PORT).withNewTargetPort(METRICS_PORT).endPort()
        .endSpec().build();
  }

  public static EndpointSlice slice(String nodeIp, String nodeName, Service owner) {
    var b = new EndpointSliceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(SLICE_NAME)
        .withLabels(Map.of("kubernetes.io/service-name", NAME, MANAGED_BY_LABEL, MANAGED_BY, "k8s-app", "kube-dns"));
    if (owner != null && owner.getMetadata().getUid() != null) {
      b = b.addNewOwnerReference().withApiVersion("v1").withKind("Service").withName(NAME).withUid(owner.getMetadata().getUid())
          .withController(true).withBlockOwnerDeletion(true).endOwnerReference();
    }
    return b.endMetadata().withAddressType("IPv4")
        .addNewEndpoint().withAddresses(nodeIp).withNodeName(nodeName).withNewConditions().withReady(true).withServing(true)
        .withTerminating(false).endConditions().endEndpoint()
        .addNewPort().withName("dns").withProtocol("UDP").withPort(DNS_PORT).endPort()
        .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(DNS_PORT).endPort()
        .addNewPort().withName("metrics").withProtocol("TCP").withPort(METRICS_PORT).endPort()
        .build();
  }

  /**
   * Creates the Service when missing (an existing one is kept; a different ClusterIP is an error,
   * since it cannot change), then creates or updates the EndpointSlice.
   */
  public static Service ensure(KubernetesClient client, String clusterIp, String nodeIp, String nodeName) {
    Service current = client.services().inNamespace(NAMESPACE).withName(NAME).get();
    if (current == null) {
      try {
        current = client.resource(service(clusterIp)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw new IllegalStateException("cannot create " + NAMESPACE + "/" + NAME + " with ClusterIP " + clusterIp + ": "
              + e.getMessage(), e);
        }
        current = client.services().inNamespace(NAMESPACE).withName(NAME).get();
      }
    }
    if (!clusterIp.equals(current.getSpec().getClusterIP())) {
      throw new IllegalStateException(NAMESPACE + "/" + NAME + " has ClusterIP " + current.getSpec().getClusterIP() + ", not "
          + clusterIp + " (delete it to have it made again)");
    }
    client.resource(slice(nodeIp, nodeName, current)).createOr(NonDeletingOperation::update);
    return current;
  }
}
