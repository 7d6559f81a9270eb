package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.j8s.kubelet.env.EnvVar;
import io.j8s.kubelet.env.ObjectLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pod worker's entry point to volumes. Per pod: {@link #sync} on every pod sync (first set-up and in-place
 * refresh of configMap, secret, downwardAPI and projected files), {@link #mounts} per container before creating it,
 * {@link #usage} for emptyDir size limits, {@link #tearDown} once the pod's containers are gone. Calls for one pod
 * must not overlap (each pod has one worker); different pods are independent.
 */
public final class PodVolumes {
  private final Path agentDir;
  private final VolumePlanner planner;
  private final VolumeApplier applier;
  private final Mounter mounter;

  public PodVolumes(Path agentDir, ObjectLookup lookup, Mounter mounter, TokenSource tokens, Map<String, Quantity> nodeAllocatable) {
    this.agentDir = agentDir;
    this.planner = new VolumePlanner(agentDir, lookup, tokens, nodeAllocatable);
    this.applier = new VolumeApplier(mounter);
    this.mounter = mounter;
  }

  /** Plans and applies the pod's volumes; idempotent, files swapped only when their content changed. */
  public VolumeSetup sync(Pod pod) {
    return applier.apply(planner.plan(pod));
  }

  public VolumePlan plan(Pod pod) {
    return planner.plan(pod);
  }

  /** The CRI mounts of {@code container}; {@code env} its resolved environment (for subPathExpr). */
  public ContainerMounts mounts(Pod pod, Container container, VolumeSetup setup, List<EnvVar> env) {
    return ContainerMounts.build(pod, container, setup, env);
  }

  /** Disk emptyDirs over their sizeLimit (the caller may evict the pod with the message). */
  public List<VolumeUsage.OverLimit> usage(Pod pod) throws IOException {
    return VolumeUsage.check(planner.plan(pod));
  }

  public Path podDir(String uid) {
    return VolumePlanner.podDir(agentDir, uid);
  }

  /**
   * Removes {@code <agentDir>/pods/<uid>} entirely: every mount below it unmounted first (deepest first), then the
   * tree deleted without following symlinks. Idempotent; if a mount cannot be removed nothing is deleted and the
   * error says why (retry on the next cleanup).
   */
  public void tearDown(String uid) throws IOException {
    Path dir = podDir(uid);
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    for (Path m : mounter.mountsUnder(dir)) mounter.unmount(m);
    List<Path> left = mounter.mountsUnder(dir);
    if (!left.isEmpty()) throw new IOException("still mounted under " + dir + ": " + left);
    Trees.delete(dir);
  }
}
