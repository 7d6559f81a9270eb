package io.j8s.hostnet.conntrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowFilterTest {
  @Test void serviceFilterAsBefore() {
    assertThat(new FlowFilter("UDP", "10.43.0.10", 53, "10.42.0.5").args())
        .containsExactly("-D", "-p", "udp", "--orig-dst", "10.43.0.10", "--orig-port-dst", "53", "--reply-src", "10.42.0.5");
  }

  @Test void anyProtocolBySourceOrResponder() {
    assertThat(FlowFilter.from("10.88.160.5").args()).containsExactly("-D", "--orig-src", "10.88.160.5");
    assertThat(FlowFilter.answeredBy("10.88.160.5").args()).containsExactly("-D", "--reply-src", "10.88.160.5");
    assertThatThrownBy(() -> new FlowFilter(null, null, null, 80, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
