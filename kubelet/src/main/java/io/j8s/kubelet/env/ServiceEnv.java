package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service links upstream's kubelet injects: for {@code default/kubernetes} always, and for every service of the
 * pod's namespace when {@code enableServiceLinks} (default true), each service with a cluster IP gives
 * {@code <NAME>_SERVICE_HOST}, {@code <NAME>_SERVICE_PORT}, {@code <NAME>_SERVICE_PORT_<PORTNAME>} per named port,
 * and the Docker-link style {@code <NAME>_PORT}, {@code <NAME>_PORT_<p>_<PROTO>[_PROTO|_PORT|_ADDR]}. Names are
 * upper-cased with {@code -} turned into {@code _}. Headless services and those without ports give nothing.
 */
public final class ServiceEnv {
  private ServiceEnv() {}

  /** The variables for a pod in {@code namespace}, keyed and sorted by name. */
  public static Map<String, String> forPod(String namespace, boolean enableServiceLinks, List<Service> services) {
    Map<String, Service> byName = new TreeMap<>();
    // the pod's own namespace wins over default/kubernetes, whatever the list order (as upstream's two branches)
    List<Service> ordered = new ArrayList<>(services);
    ordered.sort(Comparator.comparing((Service s) -> !"default".equals(s.getMetadata().getNamespace())));
    for (Service s : ordered) {
      if (!hasClusterIp(s)) continue;
      String ns = s.getMetadata().getNamespace();
      String name = s.getMetadata().getName();
      if ("default".equals(ns) && "kubernetes".equals(name)) {
        byName.putIfAbsent(name, s);
      } else if (ns.equals(namespace) && enableServiceLinks) {
        byName.put(name, s);
      }
    }
    Map<String, String> env = new TreeMap<>();
    for (Service s : byName.values()) env.putAll(forService(s));
    return env;
  }

  static boolean hasClusterIp(Service s) {
    String ip = s.getSpec() == null ? null : s.getSpec().getClusterIP();
    return ip != null && !ip.isEmpty() && !"None".equals(ip);
  }

  /** One service's variables, in upstream's order. */
  static Map<String, String> forService(Service s) {
    Map<String, String> env = new LinkedHashMap<>();
    List<ServicePort> ports = s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts();
    if (!hasClusterIp(s) || ports.isEmpty()) return env;
    String ip = s.getSpec().getClusterIP();
    String prefix = varName(s.getMetadata().getName());
    env.put(prefix + "_SERVICE_HOST", ip);
    env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).getPort()));
    for (ServicePort p : ports) {
      if (p.getName() != null && !p.getName().isEmpty()) {
        env.put(prefix + "_SERVICE_PORT_" + varName(p.getName()), String.valueOf(p.getPort()));
      }
    }
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
      String lower = protocol.toLowerCase(Locale.ROOT);
      String url = lower + "://" + host + ":" + p.getPort();
      if (i == 0) env.put(prefix + "_PORT", url);
      String portPrefix = prefix + "_PORT_" + p.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
      env.put(portPrefix, url);
      env.put(portPrefix + "_PROTO", lower);
      env.put(portPrefix + "_PORT", String.valueOf(p.getPort()));
      env.put(portPrefix + "_ADDR", ip);
    }
    return env;
  }

  static String varName(String s) {
    return s.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
