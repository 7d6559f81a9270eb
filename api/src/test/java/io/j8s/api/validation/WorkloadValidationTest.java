package io.j8s.api.validation;

import static io.j8s.api.validation.V.container;
import static io.j8s.api.validation.V.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadValidationTest {
  static DeploymentBuilder dep() {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web", "tier", "fe")).endMetadata()
        .withNewSpec().addToContainers(container("web").build()).endSpec().endTemplate().endSpec();
  }

  @Test
  void validDeploymentHasNoErrors() {
    assertThat(validate(dep().build())).isEmpty();
    assertThat(validate(dep().editSpec().withReplicas(0).withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString("25%")).endRollingUpdate().endStrategy().endSpec().build()))
        .isEmpty();
  }

  @Test
  void selectorMustMatchTemplateLabels() {
    List<FieldError> errs = validate(dep().editSpec().editSelector().withMatchLabels(Map.of("app", "db")).endSelector().endSpec().build());
    assertThat(errs).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.template.metadata.labels"));
    assertThat(errs.get(0).detail()).isEqualTo("`selector` does not match template `labels`");
    assertThat(validate(dep().editSpec().editTemplate().withNewMetadata().endMetadata().endTemplate().endSpec().build()))
        .extracting(FieldError::field).containsExactly("spec.template.metadata.labels");
  }

  @Test
  void matchExpressionsAreHonoured() {
    var sel = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("In").withValues("fe", "be")
        .endMatchExpression().build();
    assertThat(validate(dep().editSpec().withSelector(sel).endSpec().build())).isEmpty();
    var bad = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("Equals").withValues("fe")
        .endMatchExpression().build();
    assertThat(validate(dep().editSpec().withSelector(bad).endSpec().build()))
        .extracting(FieldError::kind, FieldError::field, FieldError::detail)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.selector", "\"Equals\" is not a valid label selector operator"));
  }

  @Test
  void selectorAndTemplateRequired() {
    assertThat(validate(dep().editSpec().withSelector(null).endSpec().build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.selector"));
    assertThat(validate(dep().editSpec().withNewSelector().endSelector().endSpec().build())).extracting(FieldError::field)
        .containsExactly("spec.selector");
    assertThat(validate(dep().editSpec().withTemplate(null).endSpec().build())).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.REQUIRED, "spec.template"));
    assertThat(validate(new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().build()))
        .extracting(FieldError::field).containsExactly("spec");
  }

  @Test
  void negativeReplicasAndHistory() {
    assertThat(validate(dep().editSpec().withReplicas(-1).withRevisionHistoryLimit(-2).endSpec().build()))
        .extracting(FieldError::kind, FieldError::field, FieldError::value)
        .containsExactly(tuple(FieldError.Kind.INVALID, "spec.replicas", -1), tuple(FieldError.Kind.INVALID, "spec.revisionHistoryLimit", -2));
  }

  @Test
  void strategyRules() {
    assertThat(validate(dep().editSpec().withNewStrategy().withType("BlueGreen").endStrategy().endSpec().build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.NOT_SUPPORTED, "spec.strategy.type"));
    assertThat(validate(dep().editSpec().withNewStrategy().withType("Recreate").withNewRollingUpdate().endRollingUpdate()
        .endStrategy().endSpec().build()))
        .extracting(FieldError::kind, FieldError::field).containsExactly(tuple(FieldError.Kind.FORBIDDEN, "spec.strategy.rollingUpdate"));
    assertThat(validate(dep().editSpec().withNewStrategy().withNewRollingUpdate().withMaxSurge(new IntOrString("0%"))
        .withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy().endSpec().build()))
        .extracting(FieldError::field, FieldError::detail)
        .containsExactly(tuple("spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"));
  }

  @Test
  void selectorIsImmutable() {
    Deployment old = dep().build();
    Deployment changed = dep().editSpec().editSelector().withMatchLabels(Map.of("tier", "fe")).endSelector().endSpec().build();
    assertThat(validate(changed, old)).extracting(FieldError::field, FieldError::detail)
        .containsExactly(tuple("spec.selector", "field is immutable"));
    assertThat(validate(dep().editSpec().withReplicas(9).endSpec().build(), old)).isEmpty();
  }

  @Test
  void templatePodSpecErrorsCarryTheTemplatePath() {
    List<FieldError> errs = validate(dep().editSpec().editTemplate().editSpec()
        .withContainers(container("a").build(), container("a").withImage(null).build()).withRestartPolicy("Never")
        .endSpec().endTemplate().endSpec().build());
    assertThat(errs).extracting(FieldError::kind, FieldError::field).containsExactly(
        tuple(FieldError.Kind.DUPLICATE, "spec.template.spec.containers[1].name"),
        tuple(FieldError.Kind.REQUIRED, "spec.template.spec.containers[1].image"));
  }

  @Test
  void templateLabelsAreSyntaxChecked() {
    assertThat(validate(dep().editSpec().editTemplate().editMetadata().addToLabels("bad key", "x").endMetadata().endTemplate()
        .endSpec().build()))
        .extracting(FieldError::field, FieldError::value).containsExactly(tuple("spec.template.metadata.labels", "bad key"));
  }

  @Test
  void replicaSets() {
    var rs = new ReplicaSetBuilder().withNewMetadata().withName("rs").endMetadata()
        .withNewSpec().withReplicas(-3).withNewSelector().withMatchLabels(Map.of("app", "x")).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "y")).endMetadata()
        .withNewSpec().addToContainers(container("c").build()).endSpec().endTemplate().endSpec().build();
    assertThat(validate(rs)).extracting(FieldError::field)
        .containsExactly("spec.replicas", "spec.template.metadata.labels");
  }

  @Test
  void daemonSets() {
    var ds = new DaemonSetBuilder().withNewMetadata().withName("ds").endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "x")).endSelector()
        .withNewUpdateStrategy().withType("Rolling").endUpdateStrategy()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "x")).endMetadata()
        .withNewSpec().addToContainers(container("c").build()).endSpec().endTemplate().endSpec().build();
    assertThat(validate(ds)).extracting(FieldError::kind, FieldError::field)
        .containsExactly(tuple(FieldError.Kind.NOT_SUPPORTED, "spec.updateStrategy.type"));
    ds.getSpec().getUpdateStrategy().setType("OnDelete");
    assertThat(validate(ds)).isEmpty();
  }
}
