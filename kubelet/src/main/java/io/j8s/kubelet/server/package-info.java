/**
 * The kubelet's HTTPS API (port 10250), as upstream's pkg/kubelet/server: {@code /healthz},
 * {@code /pods}, {@code /containerLogs} (the CRI log files read, tailed and followed here) and
 * {@code /exec}, {@code /attach}, {@code /portForward}, for which the kubelet asks the runtime
 * (CRI Exec/Attach/PortForward) for a URL on its streaming server and relays the client's
 * upgraded connection to it byte for byte, so the client and containerd negotiate the stream
 * protocol (SPDY/3.1) between themselves. TLS with a self-signed serving certificate kept under
 * {@code <agentDir>/kubelet/}; clients must present a certificate from the cluster's client CA
 * (authentication: CN the user, O the groups), and each request is authorized as upstream's
 * kubelet does ({@link io.j8s.kubelet.server.RequestAttributes}: verb from the method, on
 * {@code nodes/stats|metrics|log|spec|checkpoint|proxy}; {@link io.j8s.kubelet.server.SubjectAccessReviews}
 * asks the API server, the webhook mode), else 403. {@code /metrics}, {@code /metrics/resource} and
 * {@code /stats/summary} are rendered by the {@code stats} package.
 */
package io.j8s.kubelet.server;
