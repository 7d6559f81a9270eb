package io.j8s.api.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;

/** Fills upstream's defaults in place. */
public final class Defaulter {
  private Defaulter() {}

  public static void apply(HasMetadata obj) {
    switch (obj) {
      case Pod p -> {
        podSpec(p.getSpec());
        ResourceDefaults.requestsFromLimits(p.getSpec());
        DefaultTolerationSeconds.apply(p);
      }
      case LimitRange l -> ResourceDefaults.limitRange(l);
      case Service s -> service(s.getSpec());
      case Deployment d -> {
        var s = d.getSpec();
        if (s == null) return;
        if (s.getReplicas() == null) s.setReplicas(1);
        if (s.getRevisionHistoryLimit() == null) s.setRevisionHistoryLimit(10);
        if (s.getProgressDeadlineSeconds() == null) s.setProgressDeadlineSeconds(600);
        if (s.getStrategy() == null) s.setStrategy(new DeploymentStrategy());
        if (s.getStrategy().getType() == null) s.getStrategy().setType("RollingUpdate");
        if (s.getStrategy().getType().equals("RollingUpdate")) {
          if (s.getStrategy().getRollingUpdate() == null) s.getStrategy().setRollingUpdate(new RollingUpdateDeployment());
          var ru = s.getStrategy().getRollingUpdate();
          if (ru.getMaxSurge() == null) ru.setMaxSurge(new IntOrString("25%"));
          if (ru.getMaxUnavailable() == null) ru.setMaxUnavailable(new IntOrString("25%"));
        }
        template(s.getTemplate());
      }
      case ReplicaSet r -> {
        if (r.getSpec() == null) return;
        if (r.getSpec().getReplicas() == null) r.getSpec().setReplicas(1);
        template(r.getSpec().getTemplate());
      }
      case DaemonSet d -> {
        var s = d.getSpec();
        if (s == null) return;
        if (s.getRevisionHistoryLimit() == null) s.setRevisionHistoryLimit(10);
        if (s.getUpdateStrategy() == null) s.setUpdateStrategy(new DaemonSetUpdateStrategy());
        if (s.getUpdateStrategy().getType() == null) s.getUpdateStrategy().setType("RollingUpdate");
        if (s.getUpdateStrategy().getType().equals("RollingUpdate")) {
          if (s.getUpdateStrategy().getRollingUpdate() == null) s.getUpdateStrategy().setRollingUpdate(new RollingUpdateDaemonSet());
          var ru = s.getUpdateStrategy().getRollingUpdate();
          if (ru.getMaxUnavailable() == null) ru.setMaxUnavailable(new IntOrString(1));
          if (ru.getMaxSurge() == null) ru.setMaxSurge(new IntOrString(0));
        }
        template(s.getTemplate());
      }
      case Namespace n -> {
        if (n.getSpec() == null) n.setSpec(new NamespaceSpec());
        var labels = n.getMetadata().getLabels() == null ? new java.util.LinkedHashMap<String, String>() : n.getMetadata().getLabels();
        if (n.getMetadata().getName() != null) labels.put("kubernetes.io/metadata.name", n.getMetadata().getName());
        n.getMetadata().setLabels(labels);
      }
      case Secret s -> {
        if (s.getType() == null) s.setType("Opaque");
      }
      default -> { }
    }
  }

  /** Upstream treats a targetPort of 0 or "" as not given. */
  private static boolean unsetPort(IntOrString p) {
    if (p == null) return true;
    if (p.getIntVal() != null) return p.getIntVal() == 0;
    return p.getStrVal() == null || p.getStrVal().isEmpty();
  }

  private static void template(PodTemplateSpec t) {
    if (t != null) podSpec(t.getSpec());
  }

  static void podSpec(PodSpec s) {
    if (s == null) return;
    if (s.getRestartPolicy() == null) s.setRestartPolicy("Always");
    if (s.getDnsPolicy() == null) s.setDnsPolicy("ClusterFirst");
    if (s.getSchedulerName() == null) s.setSchedulerName("default-scheduler");
    if (s.getTerminationGracePeriodSeconds() == null) s.setTerminationGracePeriodSeconds(30L);
    if (s.getSecurityContext() == null) s.setSecurityContext(new PodSecurityContext());
    if (s.getEnableServiceLinks() == null) s.setEnableServiceLinks(true);
    if (s.getContainers() != null) s.getContainers().forEach(Defaulter::container);
    if (s.getInitContainers() != null) s.getInitContainers().forEach(Defaulter::container);
    if (s.getVolumes() != null) {
      for (var v : s.getVolumes()) {
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) v.getConfigMap().setDefaultMode(420);
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) v.getSecret().setDefaultMode(420);
      }
    }
  }

  private static void container(Container c) {
    if (c.getTerminationMessagePath() == null) c.setTerminationMessagePath("/dev/termination-log");
    if (c.getTerminationMessagePolicy() == null) c.setTerminationMessagePolicy("File");
    if (c.getImagePullPolicy() == null && c.getImage() != null) c.setImagePullPolicy(latest(c.getImage()) ? "Always" : "IfNotPresent");
    if (c.getPorts() != null) for (ContainerPort p : c.getPorts()) if (p.getProtocol() == null) p.setProtocol("TCP");
    probe(c.getLivenessProbe());
    probe(c.getReadinessProbe());
    probe(c.getStartupProbe());
    if (c.getEnv() != null) {
      for (var e : c.getEnv()) {
        if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null && e.getValueFrom().getFieldRef().getApiVersion() == null) {
          e.getValueFrom().getFieldRef().setApiVersion("v1");
        }
      }
    }
  }

  /** No tag, or the tag "latest" (a digest pins the image). */
  static boolean latest(String image) {
    if (image.contains("@")) return false;
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon <= slash || image.substring(colon + 1).equals("latest");
  }

  private static void probe(Probe p) {
    if (p == null) return;
    if (p.getTimeoutSeconds() == null) p.setTimeoutSeconds(1);
    if (p.getPeriodSeconds() == null) p.setPeriodSeconds(10);
    if (p.getSuccessThreshold() == null) p.setSuccessThreshold(1);
    if (p.getFailureThreshold() == null) p.setFailureThreshold(3);
  }

  private static void service(ServiceSpec s) {
    if (s == null) return;
    if (s.getType() == null) s.setType("ClusterIP");
    if (s.getSessionAffinity() == null) s.setSessionAffinity("None");
    if (s.getPorts() != null) {
      for (ServicePort p : s.getPorts()) {
        if (p.getProtocol() == null) p.setProtocol("TCP");
        if (p.getPort() != null && unsetPort(p.getTargetPort())) p.setTargetPort(new IntOrString(p.getPort()));
      }
    }
    if (!s.getType().equals("ExternalName")) {
      if (s.getInternalTrafficPolicy() == null) s.setInternalTrafficPolicy("Cluster");
      if (s.getIpFamilyPolicy() == null) s.setIpFamilyPolicy("SingleStack");
      if (s.getIpFamilies() == null || s.getIpFamilies().isEmpty()) s.setIpFamilies(new ArrayList<>(List.of("IPv4")));
    }
    boolean externallyAccessible = s.getType().equals("NodePort") || s.getType().equals("LoadBalancer")
        || (s.getType().equals("ClusterIP") && s.getExternalIPs() != null && !s.getExternalIPs().isEmpty());
    if (externallyAccessible && s.getExternalTrafficPolicy() == null) s.setExternalTrafficPolicy("Cluster");
    if (s.getType().equals("LoadBalancer") && s.getAllocateLoadBalancerNodePorts() == null) s.setAllocateLoadBalancerNodePorts(true);
  }
}
