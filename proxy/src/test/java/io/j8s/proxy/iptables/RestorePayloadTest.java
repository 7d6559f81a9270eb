package io.j8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestorePayloadTest {
  static final String P = """
      *filter
      :KUBE-SERVICES - [0:0]
      -A KUBE-SERVICES -d 10.43.0.1 -j REJECT
      COMMIT
      *nat
      :KUBE-SERVICES - [0:0]
      :KUBE-SVC-A - [0:0]
      :KUBE-SEP-OLD - [0:0]
      -A KUBE-SERVICES -d 10.43.0.2 -j KUBE-SVC-A
      -A KUBE-SVC-A -j DNAT --to-destination 10.42.0.1:80
      -A KUBE-SERVICES -j KUBE-NODEPORTS
      -X KUBE-SEP-OLD
      COMMIT
      """;

  @Test void chainsAreKeyedByTableWithTheirRulesInOrderAndDeletedOnesLeftOut() {
    Map<String, List<String>> c = RestorePayload.chains(P, n -> true);
    assertThat(c).containsOnlyKeys("filter/KUBE-SERVICES", "nat/KUBE-SERVICES", "nat/KUBE-SVC-A");
    assertThat(c.get("nat/KUBE-SERVICES")).containsExactly("-A KUBE-SERVICES -d 10.43.0.2 -j KUBE-SVC-A",
        "-A KUBE-SERVICES -j KUBE-NODEPORTS");
    assertThat(c.get("filter/KUBE-SERVICES")).containsExactly("-A KUBE-SERVICES -d 10.43.0.1 -j REJECT");
    assertThat(RestorePayload.chains(P, n -> n.startsWith("KUBE-SVC-"))).containsOnlyKeys("nat/KUBE-SVC-A");
  }

  @Test void withoutDropsOnlyThatTablesChain() {
    String out = RestorePayload.without(P, Set.of("nat/KUBE-SERVICES"));
    assertThat(out).isEqualTo("""
        *filter
        :KUBE-SERVICES - [0:0]
        -A KUBE-SERVICES -d 10.43.0.1 -j REJECT
        COMMIT
        *nat
        :KUBE-SVC-A - [0:0]
        :KUBE-SEP-OLD - [0:0]
        -A KUBE-SVC-A -j DNAT --to-destination 10.42.0.1:80
        -X KUBE-SEP-OLD
        COMMIT
        """);
    assertThat(RestorePayload.without(P, Set.of())).isSameAs(P);
  }

  @Test void tableWideZeroGoesFirstInSectionsWithManyDeclarations() {
    assertThat(RestorePayload.tableWide(P, 3)).isEqualTo(P.replace("*nat\n", "*nat\n-Z\n"));
    assertThat(RestorePayload.tableWide(P, 1)).isEqualTo(P.replace("*nat\n", "*nat\n-Z\n").replace("*filter\n", "*filter\n-Z\n"));
    assertThat(RestorePayload.tableWide(P, 4)).isEqualTo(P);
  }
}
