package io.j8s.kubelet.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the CRI runtime said about itself at the last sample: its conditions, or that it could not be asked. */
public sealed interface RuntimeReport {
  String RUNTIME_READY = "RuntimeReady";
  String NETWORK_READY = "NetworkReady";

  /** The runtime answered the CRI Status call. */
  record Conditions(List<RuntimeCondition> conditions) implements RuntimeReport {
    public Conditions { conditions = List.copyOf(conditions); }

    Optional<RuntimeCondition> find(String type) {
      return conditions.stream().filter(x -> x.type().equals(type)).findFirst();
    }
  }

  /** The Status call failed (runtime down or restarting). */
  record Unreachable(String detail) implements RuntimeReport {}

  /** One CRI RuntimeCondition; {@link #toString()} prints it as upstream's kubelet does in messages. */
  record RuntimeCondition(String type, boolean status, String reason, String message) {
    @Override public String toString() {
      return type + "=" + status + " reason:" + reason + " message:" + message;
    }
  }

  /**
   * Upstream's runtime and network errors, in its words: "container runtime is down", "container
   * runtime not ready: RuntimeReady=false reason:... message:...", "container runtime network not
   * ready: NetworkReady=false reason:... message:...". Empty when both are ready.
   */
  default List<String> errors() {
    List<String> out = new ArrayList<>();
    switch (this) {
      case Unreachable u -> out.add("container runtime is down");
      case Conditions c -> {
        Optional<RuntimeCondition> rt = c.find(RUNTIME_READY);
        Optional<RuntimeCondition> net = c.find(NETWORK_READY);
        if (rt.isEmpty() || !rt.get().status()) out.add("container runtime not ready: " + rt.map(Object::toString).orElse("<nil>"));
        if (net.isEmpty() || !net.get().status()) out.add("container runtime network not ready: " + net.map(Object::toString).orElse("<nil>"));
      }
    }
    return out;
  }
}
