package io.j8s.network.policy;

import static io.j8s.network.policy.Fixture.compile;
import static io.j8s.network.policy.Fixture.ip;
import static io.j8s.network.policy.Fixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.hostnet.conntrack.RecordingConntrack;
import io.j8s.hostnet.nftables.RecordingNftables;
import org.junit.jupiter.api.Test;

/** The applier over the recording fakes: one transaction per change, cuts only where a pod's allowed set shrank. */
class PolicyApplierTest {
  final RecordingNftables nft = new RecordingNftables();
  final RecordingConntrack ct = new RecordingConntrack();
  final PolicyApplier applier = new PolicyApplier(nft, ct);

  static final String ALLOW_B = """
      podSelector: {matchLabels: {app: web}}
      ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: 80}]}]""";

  @Test void newPolicyWritesTheTableAndCutsTheNewlyIsolatedPod() throws Exception {
    PolicyApplier.Result r = applier.apply(compile("n1", policy("a", "p", ALLOW_B)));
    assertThat(r.written()).isTrue();
    assertThat(r.cuts()).containsExactly(FlowFilter.answeredBy(ip(10)));
    assertThat(nft.tables()).containsExactly(PolicyApplier.TABLE);
    assertThat(nft.elements(PolicyApplier.TABLE, PolicyTable.INGRESS_MAP)).containsOnlyKeys(ip(10));
    assertThat(nft.chains(PolicyApplier.TABLE).get("forward")).hasSize(3);
    assertThat(ct.deleted()).containsExactly(FlowFilter.answeredBy(ip(10)));
  }

  @Test void unchangedIsNotWrittenAgainAndGrowingCutsNothing() throws Exception {
    applier.apply(compile("n1", policy("a", "p", ALLOW_B)));
    PolicyApplier.Result same = applier.apply(compile("n1", policy("a", "p", ALLOW_B)));
    assertThat(same.written()).isFalse();
    assertThat(same.cuts()).isEmpty();
    PolicyApplier.Result more = applier.apply(compile("n1", policy("a", "p", ALLOW_B),
        policy("a", "q", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {}}]}]")));
    assertThat(more.written()).isTrue();
    assertThat(more.cuts()).isEmpty();
    assertThat(nft.scripts()).hasSize(2);
  }

  @Test void shrinkingCutsThatDirectionOnly() throws Exception {
    applier.apply(compile("n1", policy("a", "p", ALLOW_B),
        policy("a", "e", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: [{}]")));
    PolicyApplier.Result r = applier.apply(compile("n1", policy("a", "p", ALLOW_B.replace("team: b", "team: c")),
        policy("a", "e", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: [{}]")));
    assertThat(r.cuts()).containsExactly(FlowFilter.answeredBy(ip(10)));
    PolicyApplier.Result e = applier.apply(compile("n1", policy("a", "p", ALLOW_B.replace("team: b", "team: c")),
        policy("a", "e", "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: [{ports: [{port: 53, protocol: UDP}]}]")));
    assertThat(e.cuts()).containsExactly(FlowFilter.from(ip(10)));
  }

  @Test void removingEveryPolicyCutsNothingAndCleanupDeletesTheTable() throws Exception {
    applier.apply(compile("n1", policy("a", "p", ALLOW_B)));
    PolicyApplier.Result r = applier.apply(compile("n1"));
    assertThat(r.cuts()).isEmpty();
    assertThat(nft.elements(PolicyApplier.TABLE, PolicyTable.INGRESS_MAP)).isEmpty();
    applier.cleanup();
    assertThat(nft.tables()).isEmpty();
  }

  @Test void aFailedTransactionIsRetriedNextRound() throws Exception {
    var failing = new io.j8s.hostnet.nftables.Nftables() {
      int calls;

      @Override public void apply(String script) throws io.j8s.hostnet.HostnetException {
        if (calls++ == 0) throw new io.j8s.hostnet.HostnetException("busy");
        nft.apply(script);
      }

      @Override public java.util.Optional<String> list(Table t) { return nft.list(t); }

      @Override public java.util.Optional<String> listJson(Table t) { return nft.listJson(t); }

      @Override public boolean deleteTable(Table t) { return nft.deleteTable(t); }
    };
    PolicyApplier a = new PolicyApplier(failing, ct);
    var desired = compile("n1", policy("a", "p", ALLOW_B));
    try {
      a.apply(desired);
    } catch (io.j8s.hostnet.HostnetException expected) {
      // retried below
    }
    assertThat(a.apply(desired).written()).isTrue();
    assertThat(ct.deleted()).as("cut once the rules are in").containsExactly(FlowFilter.answeredBy(ip(10)));
  }
}
