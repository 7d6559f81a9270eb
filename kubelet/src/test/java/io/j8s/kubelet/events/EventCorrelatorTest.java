package io.j8s.kubelet.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.kubelet.events.EventCorrelator.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCorrelatorTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  static EventCorrelator.Key key(String uid, String reason) {
    return new EventCorrelator.Key(uid, "spec.containers{c}", "Warning", reason, "Back-off restarting failed container c");
  }

  @Test
  void aRepeatWithinTenMinutesRaisesTheCountOfTheSameEvent() {
    EventCorrelator c = new EventCorrelator();
    Decision first = c.observe(key("u", "BackOff"), "web", T);
    assertThat(first).isInstanceOf(Decision.Create.class);
    String name = ((Decision.Create) first).name();
    assertThat(name).startsWith("web.");
    assertThat(c.observe(key("u", "BackOff"), "web", T.plusSeconds(60))).isEqualTo(new Decision.Update(name, 2, T));
    assertThat(c.observe(key("u", "BackOff"), "web", T.plusSeconds(120))).isEqualTo(new Decision.Update(name, 3, T));
    // another reason is another event; a repeat after the window is a new event
    assertThat(c.observe(key("u", "Killing"), "web", T.plusSeconds(121))).isInstanceOf(Decision.Create.class);
    Decision late = c.observe(key("u", "BackOff"), "web", T.plusSeconds(120).plus(Duration.ofMinutes(11)));
    assertThat(late).isInstanceOf(Decision.Create.class);
    assertThat(((Decision.Create) late).name()).isNotEqualTo(name);
  }

  @Test
  void anObjectMayCause25WritesAtOnceThenOnePerFiveMinutes() {
    EventCorrelator c = new EventCorrelator();
    int written = 0;
    for (int i = 0; i < 100; i++) {
      if (!(c.observe(key("u", "R" + i), "web", T.plusMillis(i)) instanceof Decision.Drop)) written++;
    }
    assertThat(written).isEqualTo(25);
    assertThat(c.observe(key("other", "R"), "db", T)).isInstanceOf(Decision.Create.class); // per object
    assertThat(c.observe(key("u", "X"), "web", T.plus(Duration.ofMinutes(4)))).isInstanceOf(Decision.Drop.class);
    assertThat(c.observe(key("u", "Y"), "web", T.plus(Duration.ofMinutes(6)))).isInstanceOf(Decision.Create.class);
    assertThat(c.observe(key("u", "Z"), "web", T.plus(Duration.ofMinutes(7)))).isInstanceOf(Decision.Drop.class);
  }
}
