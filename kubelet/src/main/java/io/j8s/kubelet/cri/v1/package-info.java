/**
 * Messages and stubs generated at build time from {@code src/main/proto/runtime/v1/cri.proto},
 * j8s's own subset of CRI {@code runtime.v1} (upstream names and field numbers). Use them through
 * {@link io.j8s.kubelet.cri.CriRuntime}.
 */
package io.j8s.kubelet.cri.v1;
