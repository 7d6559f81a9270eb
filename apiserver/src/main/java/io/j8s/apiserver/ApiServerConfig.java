package io.j8s.apiserver;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the API server needs to start.
 *
 * @param dataDir          the server's data dir; PKI under {@code <dataDir>/server/tls}, the
 *                         join token in {@code <dataDir>/server/node-token}, the admin
 *                         kubeconfig at {@code <dataDir>/kubeconfig.yaml}
 * @param bindAddress      address to listen on ("0.0.0.0", "127.0.0.1", ...)
 * @param port             HTTPS port (6443; 0 picks a free one)
 * @param datastoreEndpoint "sqlite:" (file in the data dir), "sqlite:/path/state.db" or
 *                         "etcd://host:port[,host:port...]"
 * @param serviceCidr      e.g. 10.43.0.0/16
 * @param advertiseAddresses addresses clients use to reach this server (go into the serving
 *                         certificate's SANs and the kubeconfig; the first is the kubeconfig's)
 * @param maxRequestBytes  largest request body accepted (3 MiB like upstream)
 * @param serviceNodePortRange NodePort range, e.g. 30000-32767
 * @param serviceAccountIssuer the {@code iss} of service account tokens, also the API's audience
 *                         (upstream's --service-account-issuer; default
 *                         {@value #DEFAULT_SERVICE_ACCOUNT_ISSUER})
 */
public record ApiServerConfig(
    Path dataDir, String bindAddress, int port, String datastoreEndpoint, String serviceCidr,
    List<String> advertiseAddresses, int maxRequestBytes, String serviceNodePortRange, String serviceAccountIssuer) {

  public static final int DEFAULT_MAX_REQUEST_BYTES = 3 * 1024 * 1024;
  public static final String DEFAULT_NODE_PORT_RANGE = "30000-32767";
  public static final String DEFAULT_SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";

  /** With the default service account issuer. */
  public ApiServerConfig(Path dataDir, String bindAddress, int port, String datastoreEndpoint, String serviceCidr,
      List<String> advertiseAddresses, int maxRequestBytes, String serviceNodePortRange) {
    this(dataDir, bindAddress, port, datastoreEndpoint, serviceCidr, advertiseAddresses, maxRequestBytes, serviceNodePortRange,
        DEFAULT_SERVICE_ACCOUNT_ISSUER);
  }

  /** With the default NodePort range. */
  public ApiServerConfig(Path dataDir, String bindAddress, int port, String datastoreEndpoint, String serviceCidr,
      List<String> advertiseAddresses, int maxRequestBytes) {
    this(dataDir, bindAddress, port, datastoreEndpoint, serviceCidr, advertiseAddresses, maxRequestBytes, DEFAULT_NODE_PORT_RANGE);
  }

  public static ApiServerConfig forTest(Path dataDir) {
    return new ApiServerConfig(dataDir, "127.0.0.1", 0, "sqlite:", "10.43.0.0/16",
        List.of("127.0.0.1"), DEFAULT_MAX_REQUEST_BYTES);
  }
}
