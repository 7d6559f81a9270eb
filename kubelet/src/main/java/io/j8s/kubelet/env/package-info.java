/**
 * A container's environment, resolved as upstream's kubelet does: {@link io.j8s.kubelet.env.EnvResolver}
 * turns a pod, one of its containers and an {@link io.j8s.kubelet.env.EnvContext} (pod and host IPs, node
 * allocatable) into a {@link io.j8s.kubelet.env.ResolvedEnv}: {@code envFrom} first, then {@code env} in order
 * with {@code $(VAR)} expansion, then the service links of {@link io.j8s.kubelet.env.ServiceEnv}. ConfigMaps,
 * Secrets and Services are read through {@link io.j8s.kubelet.env.ObjectLookup} (a map in tests,
 * {@link io.j8s.kubelet.env.ApiObjectLookup} against the API); everything else is pure. A missing object or key
 * that is not optional is a {@link io.j8s.kubelet.env.ContainerConfigException} carrying upstream's message, which
 * the pod worker reports as {@code CreateContainerConfigError}.
 *
 * <p>The downward API pieces ({@link io.j8s.kubelet.env.PodFields} for {@code fieldRef},
 * {@link io.j8s.kubelet.env.ResourceFields} for {@code resourceFieldRef}) are shared with the volume package's
 * downwardAPI and projected volumes, which depend on this package (never the other way round).
 */
package io.j8s.kubelet.env;
