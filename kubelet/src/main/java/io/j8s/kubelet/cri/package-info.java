/**
 * The CRI client: a gRPC channel on the runtime's Unix domain socket ({@link
 * io.j8s.kubelet.cri.CriChannel}) and a typed facade over the generated {@code runtime.v1}
 * stubs ({@link io.j8s.kubelet.cri.CriRuntime}) with per-call deadlines and errors ({@link
 * io.j8s.kubelet.cri.CriException}) that name the operation and the object.
 */
package io.j8s.kubelet.cri;
