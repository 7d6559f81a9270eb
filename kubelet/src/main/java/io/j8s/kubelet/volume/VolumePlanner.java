package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.j8s.kubelet.env.ObjectLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes a pod's {@link VolumePlan}. Pure apart from reading ConfigMaps and Secrets through the lookup (and tokens
 * through the token source); the same pod and objects always give the same plan.
 */
public final class VolumePlanner {
  private final Path agentDir;
  private final ObjectLookup lookup;
  private final TokenSource tokens;
  private final Map<String, Quantity> nodeAllocatable;

  public VolumePlanner(Path agentDir, ObjectLookup lookup, TokenSource tokens, Map<String, Quantity> nodeAllocatable) {
    this.agentDir = agentDir;
    this.lookup = lookup;
    this.tokens = tokens;
    this.nodeAllocatable = Map.copyOf(nodeAllocatable);
  }

  /** {@code <agentDir>/pods/<uid>}. */
  public static Path podDir(Path agentDir, String uid) {
    if (uid == null || uid.isEmpty() || uid.contains("/") || uid.startsWith(".")) throw new IllegalArgumentException("bad pod uid: " + uid);
    return agentDir.resolve("pods").resolve(uid);
  }

  public static Path volumeDir(Path podDir, VolumePlugin plugin, String name) {
    return podDir.resolve("volumes").resolve(plugin.dirName()).resolve(name);
  }

  public VolumePlan plan(Pod pod) {
    String uid = pod.getMetadata().getUid();
    Path podDir = podDir(agentDir, uid);
    List<PlannedVolume> out = new ArrayList<>();
    for (Volume v : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
      out.add(plan(pod, podDir, v));
    }
    return new VolumePlan(uid, podDir, out);
  }

  private PlannedVolume plan(Pod pod, Path podDir, Volume v) {
    String name = v.getName();
    String ns = pod.getMetadata().getNamespace();
    try {
      if (v.getEmptyDir() != null) {
        Path dir = volumeDir(podDir, VolumePlugin.EMPTY_DIR, name);
        boolean memory = "Memory".equals(v.getEmptyDir().getMedium());
        String medium = v.getEmptyDir().getMedium();
        if (medium != null && !medium.isEmpty() && !memory) {
          return new PlannedVolume.Unavailable(name, null, "emptyDir medium " + medium + " is not supported by j8s");
        }
        Quantity limit = v.getEmptyDir().getSizeLimit();
        long limitBytes = limit == null ? 0 : bytes(limit);
        return new PlannedVolume.EmptyDir(name, dir, memory,
            memory ? MemorySize.tmpfsBytes(pod, nodeAllocatable, limitBytes) : 0, limitBytes, limit == null ? "" : limit.toString());
      }
      if (v.getHostPath() != null) {
        String type = v.getHostPath().getType() == null ? "" : v.getHostPath().getType();
        return new PlannedVolume.HostPath(name, Path.of(v.getHostPath().getPath()), type);
      }
      if (v.getConfigMap() != null) {
        var src = v.getConfigMap();
        Path dir = volumeDir(podDir, VolumePlugin.CONFIG_MAP, name);
        boolean optional = Boolean.TRUE.equals(src.getOptional());
        Optional<ConfigMap> cm = lookup.configMap(ns, src.getName());
        if (cm.isEmpty() && !optional) return new PlannedVolume.Unavailable(name, dir, "configmap \"" + src.getName() + "\" not found");
        return files(name, VolumePlugin.CONFIG_MAP, dir, false, pod,
            Payloads.configMap(cm.orElse(null), src.getItems(), mode(src.getDefaultMode()), optional));
      }
      if (v.getSecret() != null) {
        var src = v.getSecret();
        Path dir = volumeDir(podDir, VolumePlugin.SECRET, name);
        boolean optional = Boolean.TRUE.equals(src.getOptional());
        Optional<Secret> s = lookup.secret(ns, src.getSecretName());
        if (s.isEmpty() && !optional) return new PlannedVolume.Unavailable(name, dir, "secret \"" + src.getSecretName() + "\" not found");
        return files(name, VolumePlugin.SECRET, dir, true, pod,
            Payloads.secret(s.orElse(null), src.getItems(), mode(src.getDefaultMode()), optional));
      }
      if (v.getDownwardAPI() != null) {
        Path dir = volumeDir(podDir, VolumePlugin.DOWNWARD_API, name);
        return files(name, VolumePlugin.DOWNWARD_API, dir, false, pod,
            Payloads.downwardApi(v.getDownwardAPI().getItems(), pod, mode(v.getDownwardAPI().getDefaultMode()), nodeAllocatable));
      }
      if (v.getProjected() != null) {
        Path dir = volumeDir(podDir, VolumePlugin.PROJECTED, name);
        return projected(pod, name, dir, v);
      }
      return new PlannedVolume.Unavailable(name, null, "volume \"" + name + "\": this volume type is not supported by j8s");
    } catch (Payloads.PayloadException | ObjectLookup.LookupException e) {
      return new PlannedVolume.Unavailable(name, dirOf(podDir, v), e.getMessage());
    }
  }

  private PlannedVolume projected(Pod pod, String name, Path dir, Volume v) throws Payloads.PayloadException {
    String ns = pod.getMetadata().getNamespace();
    int defaultMode = mode(v.getProjected().getDefaultMode());
    Map<String, FileProjection> payload = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (VolumeProjection src : v.getProjected().getSources() == null ? List.<VolumeProjection>of() : v.getProjected().getSources()) {
      try {
        if (src.getConfigMap() != null) {
          var c = src.getConfigMap();
          boolean optional = Boolean.TRUE.equals(c.getOptional());
          Optional<ConfigMap> cm = lookup.configMap(ns, c.getName());
          if (cm.isEmpty() && !optional) {
            errors.add("configmap \"" + c.getName() + "\" not found");
            continue;
          }
          payload.putAll(Payloads.configMap(cm.orElse(null), c.getItems(), defaultMode, optional));
        } else if (src.getSecret() != null) {
          var s = src.getSecret();
          boolean optional = Boolean.TRUE.equals(s.getOptional());
          Optional<Secret> secret = lookup.secret(ns, s.getName());
          if (secret.isEmpty() && !optional) {
            errors.add("secret \"" + s.getName() + "\" not found");
            continue;
          }
          payload.putAll(Payloads.secret(secret.orElse(null), s.getItems(), defaultMode, optional));
        } else if (src.getDownwardAPI() != null) {
          payload.putAll(Payloads.downwardApi(src.getDownwardAPI().getItems(), pod, defaultMode, nodeAllocatable));
        } else if (src.getServiceAccountToken() != null) {
          var t = src.getServiceAccountToken();
          long seconds = t.getExpirationSeconds() == null ? 3600 : t.getExpirationSeconds();
          String token = tokens.token(pod, t.getAudience() == null ? "" : t.getAudience(), seconds);
          payload.put(t.getPath(), FileProjection.text(token, defaultMode));
        } else {
          errors.add("projected volume \"" + name + "\": a source type j8s does not support");
        }
      } catch (Payloads.PayloadException | TokenSource.TokenUnavailableException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) return new PlannedVolume.Unavailable(name, dir, Payloads.aggregate(errors));
    return files(name, VolumePlugin.PROJECTED, dir, true, pod, payload);
  }

  private PlannedVolume files(String name, VolumePlugin plugin, Path dir, boolean tmpfs, Pod pod, Map<String, FileProjection> raw) {
    TreeMap<String, FileProjection> clean = new TreeMap<>();
    for (var e : raw.entrySet()) {
      String error = AtomicWriter.validatePath(e.getKey());
      if (error != null) return new PlannedVolume.Unavailable(name, dir, error);
      clean.put(Payloads.clean(e.getKey()), e.getValue());
    }
    long size = tmpfs ? MemorySize.tmpfsBytes(pod, nodeAllocatable, 0) : 0;
    return new PlannedVolume.Files(name, plugin, dir, tmpfs, size, clean);
  }

  private static Path dirOf(Path podDir, Volume v) {
    if (v.getConfigMap() != null) return volumeDir(podDir, VolumePlugin.CONFIG_MAP, v.getName());
    if (v.getSecret() != null) return volumeDir(podDir, VolumePlugin.SECRET, v.getName());
    if (v.getDownwardAPI() != null) return volumeDir(podDir, VolumePlugin.DOWNWARD_API, v.getName());
    if (v.getProjected() != null) return volumeDir(podDir, VolumePlugin.PROJECTED, v.getName());
    return null;
  }

  private static int mode(Integer m) {
    return m == null ? Payloads.DEFAULT_MODE : m;
  }

  static long bytes(Quantity q) {
    return q.getNumericalAmount().setScale(0, java.math.RoundingMode.CEILING).longValueExact();
  }
}
