package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.api.registry.ResourceType;
import java.util.List;
import java.util.Set;

/** Test helpers. */
final class V {
  private V() {}

  static ResourceType type(String kind, Class<? extends HasMetadata> model) {
    String plural = kind.toLowerCase() + "s";
    return new ResourceType("", "v1", kind, plural, kind.toLowerCase(), true, List.of(), List.of(), Set.of(), model, "", plural);
  }

  static List<FieldError> validate(HasMetadata obj) {
    return Validator.validate(type(obj.getKind(), obj.getClass()), obj, null);
  }

  static List<FieldError> validate(HasMetadata obj, HasMetadata old) {
    return Validator.validate(type(obj.getKind(), obj.getClass()), obj, old);
  }

  static ContainerBuilder container(String name) {
    return new ContainerBuilder().withName(name).withImage("nginx:1.25");
  }

  static PodBuilder pod() {
    return new PodBuilder().withNewMetadata().withName("web-0").withNamespace("default").endMetadata()
        .withNewSpec().addToContainers(container("web").build()).endSpec();
  }

  static Pod validPod() { return pod().build(); }
}
