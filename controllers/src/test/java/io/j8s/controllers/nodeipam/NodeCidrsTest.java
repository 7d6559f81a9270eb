package io.j8s.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.controllers.nodeipam.NodeCidrs.Decision.Assign;
import io.j8s.controllers.nodeipam.NodeCidrs.Decision.Full;
import io.j8s.controllers.nodeipam.NodeCidrs.Decision.Released;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeCidrsTest {
  static NodeCidrs fresh(String range, int mask) {
    return new NodeCidrs(new CidrSet(range, mask));
  }

  @Test
  void newNodesGetDistinctSubnets() {
    NodeCidrs c = fresh("10.42.0.0/16", 24);
    assertThat(c.observe("a", true, null)).isEqualTo(new Assign("10.42.0.0/24"));
    assertThat(c.observe("b", true, null)).isEqualTo(new Assign("10.42.1.0/24"));
  }

  @Test
  void aLostWriteIsRepeatedWithTheSameSubnet() {
    NodeCidrs c = fresh("10.42.0.0/16", 24);
    assertThat(c.observe("a", true, null)).isEqualTo(new Assign("10.42.0.0/24"));
    assertThat(c.observe("a", true, null)).isEqualTo(new Assign("10.42.0.0/24"));
    assertThat(c.observe("a", true, "10.42.0.0/24")).isEqualTo(NodeCidrs.NOTHING);
    assertThat(c.observe("a", true, "10.42.0.0/24")).isEqualTo(NodeCidrs.NOTHING);
  }

  @Test
  void deletedNodeReleasesItsSubnetOnce() {
    NodeCidrs c = fresh("10.0.0.0/23", 24);
    c.observe("a", true, null);
    c.observe("b", true, null);
    assertThat(c.observe("x", true, null)).isInstanceOf(Full.class);
    assertThat(c.observe("a", false, null)).isEqualTo(new Released("10.0.0.0/24"));
    assertThat(c.observe("a", false, null)).isEqualTo(NodeCidrs.NOTHING);
    assertThat(c.observe("x", true, null)).isEqualTo(new Assign("10.0.0.0/24"));
  }

  @Test
  void rebuildFromExistingNodesKeepsTheirSubnetsTaken() {
    Map<String, String> existing = new LinkedHashMap<>();
    existing.put("a", "10.42.0.0/24");
    existing.put("b", "10.42.2.0/24");
    existing.put("c", null);
    existing.put("outside", "192.168.5.0/24");
    NodeCidrs c = NodeCidrs.rebuild(new CidrSet("10.42.0.0/16", 24), existing);
    assertThat(c.of("a")).contains("10.42.0.0/24");
    assertThat(c.of("outside")).isEmpty();
    assertThat(c.observe("c", true, null)).isEqualTo(new Assign("10.42.1.0/24"));
    assertThat(c.observe("d", true, null)).isEqualTo(new Assign("10.42.3.0/24"));
    assertThat(c.observe("a", true, "10.42.0.0/24")).isEqualTo(NodeCidrs.NOTHING);
  }

  @Test
  void aSubnetSetOutsideTheRangeIsRespectedAndNotReleased() {
    NodeCidrs c = fresh("10.42.0.0/16", 24);
    assertThat(c.observe("n", true, "172.16.0.0/24")).isEqualTo(NodeCidrs.NOTHING);
    assertThat(c.observe("n", false, null)).isEqualTo(NodeCidrs.NOTHING);
    assertThat(c.free()).isEqualTo(256);
  }

  @Test
  void aSubnetSetInsideTheRangeBySomeoneElseIsMarkedUsed() {
    NodeCidrs c = fresh("10.42.0.0/16", 24);
    assertThat(c.observe("n", true, "10.42.0.0/24")).isEqualTo(NodeCidrs.NOTHING);
    assertThat(c.observe("m", true, null)).isEqualTo(new Assign("10.42.1.0/24"));
    assertThat(c.observe("n", false, null)).isEqualTo(new Released("10.42.0.0/24"));
  }

  @Test
  void whenAnotherWriterWinsOurPendingSubnetIsFreed() {
    NodeCidrs c = fresh("10.0.0.0/23", 24);
    assertThat(c.observe("n", true, null)).isEqualTo(new Assign("10.0.0.0/24"));
    assertThat(c.observe("n", true, "10.0.1.0/24")).isEqualTo(NodeCidrs.NOTHING);
    assertThat(c.of("n")).contains("10.0.1.0/24");
    assertThat(c.observe("m", true, null)).isEqualTo(new Assign("10.0.0.0/24"));
  }

  @Test
  void forgetFreesAnAssignmentThatCouldNotBeWritten() {
    NodeCidrs c = fresh("10.0.0.0/24", 24);
    c.observe("n", true, null);
    c.forget("n");
    assertThat(c.free()).isEqualTo(1);
    assertThat(c.observe("m", true, null)).isEqualTo(new Assign("10.0.0.0/24"));
  }

  /** Random node churn with restarts (rebuild from what was written): subnets stay unique and every node gets one while any is free. */
  @Test
  void seededChurnWithRestartsKeepsSubnetsUnique() {
    for (long seed = 0; seed < 20; seed++) {
      Random rnd = new Random(seed);
      CidrSet range = new CidrSet("10.9.0.0/21", 24); // 8 subnets
      Map<String, String> written = new HashMap<>(); // the "API server": node -> podCIDR (null until written)
      NodeCidrs c = new NodeCidrs(range);
      int next = 0;
      for (int step = 0; step < 2000; step++) {
        int op = rnd.nextInt(10);
        if (op < 4) written.put("n" + next++, null);
        else if (op < 7 && !written.isEmpty()) {
          String victim = written.keySet().stream().skip(rnd.nextInt(written.size())).findFirst().orElseThrow();
          written.remove(victim);
          c.observe(victim, false, null);
        } else if (op == 7) {
          c = NodeCidrs.rebuild(new CidrSet("10.9.0.0/21", 24), written); // restart or new leader
        }
        for (String n : Set.copyOf(written.keySet())) {
          if (rnd.nextInt(4) == 0) continue; // some events arrive later
          if (c.observe(n, true, written.get(n)) instanceof Assign a && rnd.nextInt(5) > 0) written.put(n, a.cidr());
        }
        Set<String> seen = new HashSet<>();
        for (String v : written.values()) if (v != null) assertThat(seen.add(v)).as("seed %d step %d: %s twice", seed, step, v).isTrue();
        long unset = written.values().stream().filter(v -> v == null).count();
        if (seen.size() < range.capacity() && unset > 0) {
          for (String n : Set.copyOf(written.keySet())) {
            if (written.get(n) == null && c.observe(n, true, null) instanceof Assign a) written.put(n, a.cidr());
          }
          long stillUnset = written.values().stream().filter(v -> v == null).count();
          assertThat(stillUnset == 0 || written.values().stream().filter(v -> v != null).count() == 8)
              .as("seed %d step %d: nodes wait while subnets are free", seed, step).isTrue();
        }
      }
    }
  }
}
