package io.j8s.kubelet.env;

import io.j8s.kubelet.cri.v1.KeyValue;

/** One resolved environment variable. */
public record EnvVar(String name, String value) {
  public KeyValue toCri() {
    return KeyValue.newBuilder().setKey(name).setValue(value).build();
  }
}
