package io.j8s.apiserver.services;

import static io.j8s.apiserver.services.Svc.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepairPlanTest {
  static final ServiceIpRange IPS = ServiceIpRange.parse("10.43.0.0/16");
  static final NodePortRange PORTS = NodePortRange.parse("30000-32767");
  static final long NOW = 1_000_000;
  static final long GRACE = 60_000;

  static Claims.Claim claim(String value, String owner, long at) { return new Claims.Claim(value, owner, "u", at, 5); }

  @Test
  void oldClaimsNoServiceHoldsAreFreedYoungOnesSpared() {
    RepairPlan p = RepairPlan.of(List.of(claim("10.43.9.9", "default/gone", NOW - GRACE), claim("10.43.9.8", "default/inflight", NOW - 10)),
        List.of(claim("30080", "default/gone", 0)), List.of(), IPS, PORTS, NOW, GRACE);
    assertThat(p.freeIps()).extracting(Claims.Claim::value).containsExactly("10.43.9.9");
    assertThat(p.freePorts()).extracting(Claims.Claim::value).containsExactly("30080");
    assertThat(p.claimIps()).isEmpty();
  }

  @Test
  void valuesServicesHoldWithoutClaimAreClaimedForThem() {
    RepairPlan p = RepairPlan.of(List.of(claim("10.43.0.1", "default/kubernetes", 0)), List.of(),
        List.of(fields("kubernetes", "{clusterIP:'10.43.0.1'}"),
            fields("web", "{type:'NodePort',clusterIP:'10.43.5.5',ports:[{port:80,nodePort:30080}]}"),
            fields("headless", "{clusterIP:'None'}"),
            fields("ext", "{type:'ExternalName',clusterIP:'10.43.6.6'}")),
        IPS, PORTS, NOW, GRACE);
    assertThat(p.claimIps()).containsExactly(new RepairPlan.Owned("10.43.5.5", "default/web", "u-web"));
    assertThat(p.claimPorts()).containsExactly(new RepairPlan.Owned("30080", "default/web", "u-web"));
    assertThat(p.freeIps()).isEmpty();
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void claimsHeldByAServiceStayWhateverTheirAge() {
    RepairPlan p = RepairPlan.of(List.of(claim("10.43.5.5", "default/web", 0)), List.of(),
        List.of(fields("web", "{clusterIP:'10.43.5.5'}")), IPS, PORTS, NOW, GRACE);
    assertThat(p.empty()).isTrue();
  }

  @Test
  void doubleHoldersAndOutOfRangeValuesAreReportedOnly() {
    RepairPlan p = RepairPlan.of(List.of(), List.of(),
        List.of(fields("a", "{clusterIP:'10.43.5.5'}"), fields("b", "{clusterIP:'10.43.5.5'}"), fields("c", "{clusterIP:'10.99.0.1'}"),
            fields("d", "{type:'NodePort',clusterIP:'10.43.5.6',ports:[{port:80,nodePort:8080}]}")),
        IPS, PORTS, NOW, GRACE);
    assertThat(p.claimIps()).extracting(RepairPlan.Owned::value).containsExactly("10.43.5.5", "10.43.5.6");
    assertThat(p.claimPorts()).isEmpty();
    assertThat(p.warnings()).hasSize(3).anyMatch(w -> w.contains("held by both default/a and default/b"))
        .anyMatch(w -> w.contains("10.99.0.1 outside 10.43.0.0/16")).anyMatch(w -> w.contains("NodePort 8080 outside 30000-32767"));
  }
}
