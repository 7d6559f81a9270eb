package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pod specs, standalone or as the template of a workload. */
final class PodValidation {
  private PodValidation() {}

  static final List<String> RESTART = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
  static final List<String> PULL = List.of("Always", "IfNotPresent", "Never");

  static void spec(PodSpec s, String path, Errors e) {
    if (s == null) {
      e.required(path, "");
      return;
    }
    Set<String> volumes = new HashSet<>();
    List<Volume> vs = s.getVolumes() == null ? List.of() : s.getVolumes();
    for (int i = 0; i < vs.size(); i++) {
      String vp = path + ".volumes[" + i + "]";
      String n = vs.get(i).getName();
      if (n == null || n.isEmpty()) e.required(vp + ".name", "");
      else {
        e.syntax(vp + ".name", n, Names.dns1123Label(n));
        if (!volumes.add(n)) e.add(FieldError.duplicate(vp + ".name", n));
      }
    }
    Set<String> names = new HashSet<>();
    List<Container> init = s.getInitContainers() == null ? List.of() : s.getInitContainers();
    for (int i = 0; i < init.size(); i++) container(init.get(i), path + ".initContainers[" + i + "]", names, volumes, e);
    List<Container> cs = s.getContainers() == null ? List.of() : s.getContainers();
    if (cs.isEmpty()) e.required(path + ".containers", "");
    for (int i = 0; i < cs.size(); i++) container(cs.get(i), path + ".containers[" + i + "]", names, volumes, e);
    e.oneOf(path + ".restartPolicy", s.getRestartPolicy(), RESTART);
    e.oneOf(path + ".dnsPolicy", s.getDnsPolicy(), DNS);
    if (s.getTerminationGracePeriodSeconds() != null && s.getTerminationGracePeriodSeconds() < 0) {
      e.invalid(path + ".terminationGracePeriodSeconds", s.getTerminationGracePeriodSeconds(), "must be greater than or equal to 0");
    }
    if (s.getActiveDeadlineSeconds() != null && s.getActiveDeadlineSeconds() < 1) {
      e.invalid(path + ".activeDeadlineSeconds", s.getActiveDeadlineSeconds(), "must be between 1 and 2147483647, inclusive");
    }
    MetaValidation.labels(path + ".nodeSelector", s.getNodeSelector(), e);
  }

  private static void container(Container c, String p, Set<String> names, Set<String> volumes, Errors e) {
    String n = c.getName();
    if (n == null || n.isEmpty()) e.required(p + ".name", "");
    else {
      e.syntax(p + ".name", n, Names.dns1123Label(n));
      if (!names.add(n)) e.add(FieldError.duplicate(p + ".name", n));
    }
    if (c.getImage() == null || c.getImage().isBlank()) e.required(p + ".image", "");
    e.oneOf(p + ".imagePullPolicy", c.getImagePullPolicy(), PULL);
    Set<String> portNames = new HashSet<>();
    List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort cp = ports.get(i);
      String pp = p + ".ports[" + i + "]";
      if (cp.getContainerPort() == null) e.required(pp + ".containerPort", "");
      else e.port(pp + ".containerPort", cp.getContainerPort());
      e.port(pp + ".hostPort", cp.getHostPort() != null && cp.getHostPort() == 0 ? null : cp.getHostPort());
      e.oneOf(pp + ".protocol", cp.getProtocol(), PROTOCOLS);
      if (cp.getName() != null && !cp.getName().isEmpty()) {
        e.syntax(pp + ".name", cp.getName(), Names.portName(cp.getName()));
        if (!portNames.add(cp.getName())) e.add(FieldError.duplicate(pp + ".name", cp.getName()));
      }
    }
    List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
    for (int i = 0; i < env.size(); i++) {
      String en = env.get(i).getName();
      if (en == null || en.isEmpty()) e.required(p + ".env[" + i + "].name", "");
    }
    List<VolumeMount> mounts = c.getVolumeMounts() == null ? List.of() : c.getVolumeMounts();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      String mp = p + ".volumeMounts[" + i + "]";
      if (m.getName() == null || m.getName().isEmpty()) e.required(mp + ".name", "");
      else if (!volumes.contains(m.getName())) e.add(new FieldError(FieldError.Kind.NOT_SUPPORTED, mp + ".name", m.getName(), "must match the name of a volume"));
      if (m.getMountPath() == null || m.getMountPath().isEmpty()) e.required(mp + ".mountPath", "");
    }
    if (c.getResources() != null) resources(c.getResources().getRequests(), c.getResources().getLimits(), p + ".resources", e);
  }

  private static void resources(Map<String, Quantity> requests, Map<String, Quantity> limits, String p, Errors e) {
    for (Map.Entry<String, Quantity> r : (requests == null ? Map.<String, Quantity>of() : requests).entrySet()) {
      BigDecimal req = amount(r.getValue(), p + ".requests[" + r.getKey() + "]", e);
      if (req == null || limits == null || !limits.containsKey(r.getKey())) continue;
      BigDecimal lim = amount(limits.get(r.getKey()), p + ".limits[" + r.getKey() + "]", e);
      if (lim != null && req.compareTo(lim) > 0) {
        e.invalid(p + ".requests", r.getValue().toString(), "must be less than or equal to " + r.getKey() + " limit of " + limits.get(r.getKey()));
      }
    }
  }

  private static BigDecimal amount(Quantity q, String field, Errors e) {
    try {
      BigDecimal v = q.getNumericalAmount();
      if (v.signum() < 0) e.invalid(field, q.toString(), "must be greater than or equal to 0");
      return v;
    } catch (RuntimeException ex) {
      e.invalid(field, String.valueOf(q), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
      return null;
    }
  }
}
