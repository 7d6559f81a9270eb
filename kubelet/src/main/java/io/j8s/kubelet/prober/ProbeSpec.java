package io.j8s.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One container probe with upstream's defaults filled in (delay 0 s, period 10 s, timeout 1 s,
 * success 1, failure 3) and named ports resolved against the container's ports.
 */
public record ProbeSpec(ProbeKind kind, Action action, Duration initialDelay, Duration period, Duration timeout,
    int successThreshold, int failureThreshold) {

  /** What a probe does. */
  public sealed interface Action {}

  /** Runs a command in the container; exit status 0 is success. */
  public record Exec(List<String> command) implements Action {}

  /** GET {@code scheme://host:port/path}; 200-399 is success. An empty host means the pod's IP. */
  public record HttpGet(String scheme, String host, int port, String path, List<Header> headers) implements Action {}

  public record Header(String name, String value) {}

  /** Opens a TCP connection; an empty host means the pod's IP. */
  public record TcpSocket(String host, int port) implements Action {}

  /** grpc.health.v1.Health/Check on the pod's IP; SERVING is success. */
  public record Grpc(int port, String service) implements Action {}

  /** A probe that cannot run (e.g. a port name the container does not declare): every run is UNKNOWN. */
  public record Invalid(String reason) implements Action {}

  public static ProbeSpec of(ProbeKind kind, Probe p, Container c) {
    return new ProbeSpec(kind, action(p, c),
        Duration.ofSeconds(orDefault(p.getInitialDelaySeconds(), 0)),
        Duration.ofSeconds(Math.max(1, orDefault(p.getPeriodSeconds(), 10))),
        Duration.ofSeconds(Math.max(1, orDefault(p.getTimeoutSeconds(), 1))),
        Math.max(1, orDefault(p.getSuccessThreshold(), 1)),
        Math.max(1, orDefault(p.getFailureThreshold(), 3)));
  }

  private static Action action(Probe p, Container c) {
    if (p.getExec() != null) return new Exec(List.copyOf(Objects.requireNonNullElse(p.getExec().getCommand(), List.of())));
    if (p.getHttpGet() != null) {
      var h = p.getHttpGet();
      int port;
      try {
        port = port(h.getPort(), c);
      } catch (IllegalArgumentException e) {
        return new Invalid(e.getMessage());
      }
      String path = h.getPath() == null || h.getPath().isEmpty() ? "/" : h.getPath().startsWith("/") ? h.getPath() : "/" + h.getPath();
      List<Header> headers = Objects.requireNonNullElse(h.getHttpHeaders(), List.<HTTPHeader>of()).stream()
          .map(x -> new Header(x.getName(), Objects.requireNonNullElse(x.getValue(), ""))).toList();
      String scheme = h.getScheme() == null ? "HTTP" : h.getScheme().toUpperCase(java.util.Locale.ROOT);
      return new HttpGet(scheme, Objects.requireNonNullElse(h.getHost(), ""), port, path, headers);
    }
    if (p.getTcpSocket() != null) {
      try {
        return new TcpSocket(Objects.requireNonNullElse(p.getTcpSocket().getHost(), ""), port(p.getTcpSocket().getPort(), c));
      } catch (IllegalArgumentException e) {
        return new Invalid(e.getMessage());
      }
    }
    if (p.getGrpc() != null && p.getGrpc().getPort() != null) {
      return new Grpc(p.getGrpc().getPort(), Objects.requireNonNullElse(p.getGrpc().getService(), ""));
    }
    return new Invalid("probe has no handler (exec, httpGet, tcpSocket or grpc)");
  }

  /** A number, or the name of one of the container's ports. */
  static int port(IntOrString port, Container c) {
    if (port == null) throw new IllegalArgumentException("probe has no port");
    if (port.getIntVal() != null) return checked(port.getIntVal());
    String name = port.getStrVal();
    for (ContainerPort cp : Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of())) {
      if (name.equals(cp.getName())) return checked(cp.getContainerPort());
    }
    try {
      return checked(Integer.parseInt(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("couldn't find port " + name + " in container " + c.getName());
    }
  }

  private static int checked(Integer port) {
    if (port == null || port < 1 || port > 65535) throw new IllegalArgumentException("invalid port number: " + port);
    return port;
  }

  private static int orDefault(Integer v, int d) { return v == null ? d : v; }
}
