package io.j8s.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.base.time.ManualClock;
import io.j8s.controllers.scheduler.SchedulerEngine.Attempt;
import io.j8s.controllers.scheduler.SchedulerEngine.Event;
import io.j8s.controllers.scheduler.SimWorld.SimNode;
import io.j8s.controllers.scheduler.SimWorld.SimPod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Assumed pods and their bindings' answers, on a node with room for one pod: an unanswered
 * binding holds the room until the bind timeout and not longer; a late answer of an expired
 * attempt does not touch the next one; an accepted binding whose informer update lags keeps
 * its room however long (upstream's choice since kubernetes#106361).
 */
class BindTimeoutTest {
  final ManualClock clock = new ManualClock();
  final SchedulerEngine engine = new SchedulerEngine(clock, 1);

  static SimPod pod(String name) {
    return new SimPod(name, "app", 100, 128, null, null, false, 0, null, null, null, 1);
  }

  void setUp() {
    engine.post(new Event.NodeUpsert(new SimNode("only", 1000, 1024, 1, "a", null).toNode()));
    engine.post(new Event.PodUpsert(pod("a").toPod()));
  }

  Attempt.Assumed assumeA() {
    Attempt first = engine.scheduleOne();
    assertThat(first).isInstanceOf(Attempt.Assumed.class);
    Attempt.Assumed a = (Attempt.Assumed) first;
    assertThat(a.pod().name()).isEqualTo("a");
    engine.post(new Event.PodUpsert(pod("b").toPod()));
    assertThat(engine.scheduleOne()).as("the node's one pod slot is taken by the assumed pod").isInstanceOf(Attempt.Failed.class);
    return a;
  }

  int podsOnNode() {
    return engine.nodeList().get(0).podCount();
  }

  @Test
  void anUnansweredBindingStopsCountingAfterTheTimeoutAndThePodIsRetried() {
    setUp();
    Attempt.Assumed a = assumeA();
    clock.advance(SchedulerEngine.BIND_TIMEOUT.minusSeconds(1));
    engine.scheduleOne();
    assertThat(engine.isAssumed("sim/a")).as("still within the timeout").isTrue();
    assertThat(podsOnNode()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    Attempt atDeadline = engine.scheduleOne(); // a dropped at the deadline: off the node, back through its backoff
    assertThat(engine.isAssumed("sim/a")).as("a's unanswered assumption dropped at the deadline").isFalse();
    assertThat(atDeadline).as("a and b both in backoff").isInstanceOf(Attempt.Idle.class);
    assertThat(podsOnNode()).as("the room a held is free").isZero();
    for (int i = 0; i < 30 && !engine.isAssumed("sim/a") && !engine.isAssumed("sim/b"); i++) {
      clock.advance(Duration.ofSeconds(1));
      engine.scheduleOne();
    }
    assertThat(engine.isAssumed("sim/a") ^ engine.isAssumed("sim/b")).as("one of them takes the room after its backoff").isTrue();
    assertThat(podsOnNode()).isEqualTo(1);
    assertThat(a.attempt()).isPositive();
  }

  @Test
  void aLateAnswerOfAnExpiredAttemptDoesNotTouchTheNextOne() {
    setUp();
    Attempt.Assumed first = assumeA();
    engine.post(new Event.PodDelete(pod("b").toPod())); // only a competes for the room from here
    clock.advance(SchedulerEngine.BIND_TIMEOUT);
    Attempt.Assumed second = null;
    for (int i = 0; i < 30 && second == null; i++) {
      if (engine.scheduleOne() instanceof Attempt.Assumed s) second = s;
      else clock.advance(Duration.ofSeconds(1));
    }
    assertThat(second).as("a assumed again after its backoff").isNotNull();
    assertThat(second.attempt()).isNotEqualTo(first.attempt());
    engine.post(new Event.BindFailed("sim/a", first.attempt()));
    engine.scheduleOne();
    assertThat(engine.isAssumed("sim/a")).as("the old attempt's failure is ignored").isTrue();
    assertThat(podsOnNode()).isEqualTo(1);
    engine.post(new Event.BindFailed("sim/a", second.attempt()));
    engine.scheduleOne();
    assertThat(engine.isAssumed("sim/a")).as("the current attempt's failure forgets it").isFalse();
    assertThat(podsOnNode()).isZero();
  }

  @Test
  void anAcceptedBindingKeepsItsRoomUntilTheInformerShowsIt() {
    setUp();
    Attempt.Assumed a = assumeA();
    engine.post(new Event.Bound("sim/a", a.attempt()));
    clock.advance(Duration.ofMinutes(30));
    for (int i = 0; i < 5; i++) {
      assertThat(engine.scheduleOne()).as("b still finds no room").isNotInstanceOf(Attempt.Assumed.class);
      clock.advance(Duration.ofSeconds(31));
    }
    assertThat(engine.isAssumed("sim/a")).isTrue();
    Pod bound = pod("a").toPod();
    bound.getSpec().setNodeName("only");
    engine.post(new Event.PodUpsert(bound));
    engine.scheduleOne();
    assertThat(engine.isAssumed("sim/a")).as("the informer has the final word").isFalse();
    assertThat(podsOnNode()).isEqualTo(1);
  }
}
