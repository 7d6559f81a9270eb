package io.j8s.api.quota;

import static io.j8s.api.quota.Fixtures.rl;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
  static String canon(String q) {
    Quantity x = new Quantity(q);
    return Quantities.string(Quantities.value(x), Quantities.binary(x));
  }

  @Test
  void canonicalFormsAsUpstreamPrintsThem() {
    assertThat(canon("0.5")).isEqualTo("500m");
    assertThat(canon("1000m")).isEqualTo("1");
    assertThat(canon("1500m")).isEqualTo("1500m");
    assertThat(canon("1500")).isEqualTo("1500");
    assertThat(canon("2000")).isEqualTo("2k");
    assertThat(canon("128Mi")).isEqualTo("128Mi");
    assertThat(canon("1024Mi")).isEqualTo("1Gi");
    assertThat(canon("1000Mi")).isEqualTo("1000Mi");
    assertThat(canon("1G")).isEqualTo("1G");
    assertThat(canon("0")).isEqualTo("0");
    assertThat(canon("100u")).isEqualTo("100u");
    assertThat(canon("1e3")).isEqualTo("1k");
  }

  @Test
  void sumsKeepTheFirstOperandsFormat() {
    assertThat(Quantities.add(new Quantity("500m"), new Quantity("500m")).toString()).isEqualTo("1");
    assertThat(Quantities.add(new Quantity("128Mi"), new Quantity("128Mi")).toString()).isEqualTo("256Mi");
    assertThat(Quantities.add(new Quantity("0"), new Quantity("64Mi")).toString()).isEqualTo("64Mi");
    assertThat(Quantities.add(null, new Quantity("2")).toString()).isEqualTo("2");
    assertThat(Quantities.subtractNonNegative(new Quantity("1"), new Quantity("2")).toString()).isEqualTo("0");
    assertThat(Quantities.add(rl("cpu=1,pods=2"), rl("pods=1,memory=1Gi"))).isEqualTo(rl("cpu=1,memory=1Gi,pods=3"));
    assertThat(Quantities.format(new BigDecimal("0.25"), false).toString()).isEqualTo("250m");
  }

  @Test
  void equalityIsNumericAndPrettyPrintIsSorted() {
    assertThat(Quantities.equal(rl("cpu=1000m"), rl("cpu=1"))).isTrue();
    assertThat(Quantities.equal(rl("cpu=1"), rl("cpu=1,pods=0"))).isFalse();
    assertThat(Quantities.pretty(rl("requests.cpu=0.5,pods=1"))).isEqualTo("pods=1,requests.cpu=500m");
  }
}
