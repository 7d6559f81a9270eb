package io.j8s.kubelet.cri;

import io.grpc.Status;

/** A CRI call that failed: says which operation on which object, and the runtime's gRPC status. */
public final class CriException extends RuntimeException {
  private final String operation;
  private final Status.Code code;

  public CriException(String operation, String object, Status status, Throwable cause) {
    super("CRI " + operation + (object.isEmpty() ? "" : " " + object) + " failed: " + status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription()), cause);
    this.operation = operation;
    this.code = status.getCode();
  }

  /** The RPC name, e.g. {@code RunPodSandbox}. */
  public String operation() { return operation; }

  public Status.Code code() { return code; }

  /** The runtime does not know the object (e.g. ContainerStatus of a removed container). */
  public boolean notFound() { return code == Status.Code.NOT_FOUND; }

  /** The runtime did not answer (socket absent, runtime restarting, deadline passed). */
  public boolean unavailable() { return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED; }
}
