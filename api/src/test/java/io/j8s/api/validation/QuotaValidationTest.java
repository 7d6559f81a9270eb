package io.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaValidationTest {
  static ResourceQuota quota(Map<String, String> hard, String... scopes) {
    var h = new java.util.LinkedHashMap<String, Quantity>();
    hard.forEach((k, v) -> h.put(k, new Quantity(v)));
    return new ResourceQuotaBuilder().withNewMetadata().withName("q").withNamespace("n").endMetadata().withNewSpec().withHard(h)
        .withScopes(scopes).endSpec().build();
  }

  static List<String> rendered(List<FieldError> errors) { return errors.stream().map(FieldError::render).toList(); }

  @Test
  void quotaHardMustNotBeNegativeAndScopesMustFit() {
    assertThat(V.validate(quota(Map.of("pods", "10", "requests.cpu", "1")))).isEmpty();
    assertThat(rendered(V.validate(quota(Map.of("pods", "-1"))))).containsExactly("spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0");
    assertThat(rendered(V.validate(quota(Map.of("pods", "1"), "Nope")))).containsExactly(
        "spec.scopes[0]: Unsupported value: \"Nope\": supported values: \"Terminating\", \"NotTerminating\", \"BestEffort\", \"NotBestEffort\", "
            + "\"PriorityClass\", \"CrossNamespacePodAffinity\"");
    assertThat(rendered(V.validate(quota(Map.of("configmaps", "1"), "BestEffort"))))
        .containsExactly("spec.scopes: Invalid value: \"[BestEffort]\": unsupported scope applied to resource");
    assertThat(rendered(V.validate(quota(Map.of("pods", "1"), "Terminating", "NotTerminating"))))
        .containsExactly("spec.scopes: Invalid value: \"[Terminating, NotTerminating]\": conflicting scopes");
  }

  static LimitRange range(LimitRangeItem... items) {
    return new LimitRangeBuilder().withNewMetadata().withName("l").withNamespace("n").endMetadata().withNewSpec().withLimits(items).endSpec().build();
  }

  static LimitRangeItem item(String type, String min, String max, String def, String defReq, String ratio) {
    LimitRangeItem i = new LimitRangeItem();
    i.setType(type);
    if (min != null) i.setMin(Map.of("cpu", new Quantity(min)));
    if (max != null) i.setMax(Map.of("cpu", new Quantity(max)));
    if (def != null) i.setDefault(Map.of("cpu", new Quantity(def)));
    if (defReq != null) i.setDefaultRequest(Map.of("cpu", new Quantity(defReq)));
    if (ratio != null) i.setMaxLimitRequestRatio(Map.of("cpu", new Quantity(ratio)));
    return i;
  }

  @Test
  void limitRangeBoundsMustBeOrdered() {
    assertThat(V.validate(range(item("Container", "100m", "1", "500m", "200m", "4")))).isEmpty();
    assertThat(rendered(V.validate(range(item("Container", "2", "1", null, null, null)))))
        .containsExactly("spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1");
    assertThat(rendered(V.validate(range(item("Container", null, null, "1", "2", null)))))
        .containsExactly("spec.limits[0].defaultRequest[cpu]: Invalid value: \"2\": default request value 2 is greater than default limit value 1");
    assertThat(rendered(V.validate(range(item("Container", null, "1", "2", null, null)))))
        .containsExactly("spec.limits[0].default[cpu]: Invalid value: \"2\": default value 2 is greater than max value 1");
    assertThat(rendered(V.validate(range(item("Container", null, null, null, null, "500m")))))
        .containsExactly("spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: \"500m\": ratio 500m is less than 1");
    assertThat(rendered(V.validate(range(item("Pod", null, null, "1", null, null), item("Pod", null, "2", null, null, null)))))
        .containsExactly("spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'", "spec.limits[1].type: Duplicate value: \"Pod\"");
  }
}
