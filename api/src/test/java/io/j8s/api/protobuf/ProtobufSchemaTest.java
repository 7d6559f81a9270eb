package io.j8s.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Consistency of the hand-kept schema table. */
class ProtobufSchemaTest {
  /**
   * The schema classes reference each other's constants; a class-initialization cycle between them
   * would leave some field types null without any compile error. Walks everything reachable.
   */
  @Test
  void everyReachableFieldHasATypeAndEveryKindStartsWithObjectMeta() {
    Set<MessageType> seen = new HashSet<>();
    Deque<MessageType> todo = new ArrayDeque<>();
    Kinds.all().forEach((kind, type) -> {
      assertThat(type).as(kind).isNotNull();
      assertThat(type.field(1)).as(kind + " field 1").isNotNull();
      assertThat(type.field(1).json()).as(kind).isEqualTo("metadata");
      assertThat(type.field(1).type()).as(kind).isSameAs(MetaV1Schema.OBJECT_META);
      todo.add(type);
    });
    while (!todo.isEmpty()) {
      MessageType t = todo.pop();
      if (!seen.add(t)) continue;
      t.fields().forEach((n, f) -> {
        assertThat(f.type()).as(t + " field " + n).isNotNull();
        assertThat(f.number()).isEqualTo(n).isPositive();
        if (f.type() instanceof MessageType m) todo.add(m);
        if (f.shape() == Field.Shape.INLINE) assertThat(f.type()).isInstanceOf(MessageType.class);
      });
    }
    assertThat(seen).hasSizeGreaterThan(150);
  }

  @Test
  void coversTheKindsKubectlGeneratorsSend() {
    for (String k : new String[] {"v1/Namespace", "v1/ConfigMap", "v1/Secret", "v1/ServiceAccount", "v1/Service",
        "v1/ResourceQuota", "v1/Pod", "apps/v1/Deployment", "batch/v1/Job", "batch/v1/CronJob",
        "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/ClusterRole",
        "rbac.authorization.k8s.io/v1/RoleBinding", "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
        "networking.k8s.io/v1/Ingress", "policy/v1/PodDisruptionBudget", "scheduling.k8s.io/v1/PriorityClass",
        "autoscaling/v1/HorizontalPodAutoscaler", "authentication.k8s.io/v1/TokenRequest",
        "certificates.k8s.io/v1/CertificateSigningRequest"}) {
      int slash = k.lastIndexOf('/');
      assertThat(Kinds.lookup(k.substring(0, slash), k.substring(slash + 1))).as(k).isNotNull();
    }
    assertThat(Kinds.lookup("v1", "Deployment")).isNull();
  }
}
