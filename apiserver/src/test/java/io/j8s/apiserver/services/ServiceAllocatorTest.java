package io.j8s.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.WriteHook;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.storage.Backend;
import io.j8s.storage.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applier against a real (SQLite) datastore: claims, releases, races, repair. */
class ServiceAllocatorTest {
  static final ServiceIpRange IPS = ServiceIpRange.parse("10.43.0.0/16");
  static final NodePortRange PORTS = NodePortRange.parse("30000-32767");
  @TempDir Path dir;
  Backend backend;
  ObjectStore store;
  Claims claims;
  ServiceAllocator alloc;

  @BeforeEach
  void open() {
    backend = Backends.open("sqlite:", dir);
    store = new ObjectStore(backend);
    claims = new Claims(backend, Clock.systemUTC());
    alloc = new ServiceAllocator(IPS, PORTS, claims, new Random(1));
  }

  @AfterEach
  void close() { backend.close(); }

  ObjectNode create(String name, String spec) {
    ObjectNode svc = Svc.of(name, spec);
    alloc.claim(ApiServerEndpoints.SERVICES, svc, null, false).done(true);
    return svc;
  }

  Set<String> values(String prefix) {
    Set<String> out = new HashSet<>();
    claims.list(prefix).forEach(c -> out.add(c.value()));
    return out;
  }

  @Test
  void concurrentCreatesGetDistinctAddressesFromTheUpperBand() throws Exception {
    List<Future<ObjectNode>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 100; i++) {
        String name = "s" + i;
        results.add(pool.submit(() -> create(name, "{type:'NodePort',ports:[{port:80}]}")));
      }
    }
    Set<String> ips = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (Future<ObjectNode> f : results) {
      ObjectNode spec = (ObjectNode) f.get().get("spec");
      String ip = spec.path("clusterIP").asText();
      assertThat(IPS.offsets().inStaticBand(IPS.offsetOf(ip).orElseThrow())).isFalse();
      assertThat(spec.path("clusterIPs").get(0).asText()).isEqualTo(ip);
      ips.add(ip);
      int np = spec.path("ports").get(0).path("nodePort").asInt();
      assertThat(np).isBetween(30086, 32767);
      ports.add(np);
    }
    assertThat(ips).hasSize(100);
    assertThat(ports).hasSize(100);
    assertThat(values(Claims.IPS)).isEqualTo(ips);
  }

  @Test
  void explicitConflictIs422AndGivesBackWhatTheWriteHadClaimed() {
    create("a", "{type:'NodePort',clusterIP:'10.43.0.10',ports:[{port:80,nodePort:30080}]}");
    assertThatThrownBy(() -> create("b", "{clusterIP:'10.43.0.10',ports:[{port:80}]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("Service \"b\" is invalid: "
            + "spec.clusterIPs: Invalid value: []string{\"10.43.0.10\"}: failed to allocate IP 10.43.0.10: provided IP is already allocated"));
    assertThatThrownBy(() -> create("c", "{type:'NodePort',ports:[{port:80,nodePort:30080}]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .endsWith("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"));
    assertThat(values(Claims.IPS)).containsExactly("10.43.0.10");
    assertThat(values(Claims.PORTS)).containsExactly("30080");
  }

  @Test
  void aWriteThatIsNotStoredLeavesNoClaim() {
    ObjectNode svc = Svc.of("x", "{type:'LoadBalancer',externalTrafficPolicy:'Local',ports:[{port:80}]}");
    WriteHook.Finish f = alloc.claim(ApiServerEndpoints.SERVICES, svc, null, false);
    assertThat(values(Claims.IPS)).hasSize(1);
    assertThat(values(Claims.PORTS)).hasSize(2);
    f.done(false);
    assertThat(values(Claims.IPS)).isEmpty();
    assertThat(values(Claims.PORTS)).isEmpty();
  }

  @Test
  void dryRunFillsButClaimsNothing() {
    create("a", "{clusterIP:'10.43.0.10',ports:[{port:80}]}");
    ObjectNode svc = Svc.of("d", "{type:'NodePort',ports:[{port:80}]}");
    alloc.claim(ApiServerEndpoints.SERVICES, svc, null, true).done(true);
    assertThat(svc.path("spec").path("clusterIP").asText()).startsWith("10.43.");
    assertThat(svc.path("spec").path("ports").get(0).path("nodePort").asInt()).isPositive();
    assertThat(values(Claims.IPS)).containsExactly("10.43.0.10");
    assertThatThrownBy(() -> alloc.claim(ApiServerEndpoints.SERVICES, Svc.of("e", "{clusterIP:'10.43.0.10',ports:[{port:80}]}"), null, true))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void updateReleasesTheOldValuesOnlyOnceStored() {
    ObjectNode old = create("a", "{type:'NodePort',ports:[{port:80}]}");
    int oldPort = old.path("spec").path("ports").get(0).path("nodePort").asInt();
    ObjectNode next = old.deepCopy();
    ((ObjectNode) next.path("spec")).put("type", "ClusterIP");
    UpdatePrep.apply(next, old);
    WriteHook.Finish f = alloc.claim(ApiServerEndpoints.SERVICES, next, old, false);
    assertThat(values(Claims.PORTS)).containsExactly(Integer.toString(oldPort));
    f.done(true);
    assertThat(values(Claims.PORTS)).isEmpty();
    assertThat(values(Claims.IPS)).containsExactly(old.path("spec").path("clusterIP").asText());
  }

  @Test
  void deleteReleasesOnlyWhatThisServiceHolds() {
    ObjectNode a = create("a", "{type:'NodePort',clusterIP:'10.43.0.10',ports:[{port:80,nodePort:30080}]}");
    ObjectNode impostor = Svc.of("b", "{type:'NodePort',clusterIP:'10.43.0.10',ports:[{port:80,nodePort:30080}]}");
    alloc.deleted(ApiServerEndpoints.SERVICES, impostor);
    assertThat(values(Claims.IPS)).containsExactly("10.43.0.10");
    alloc.deleted(ApiServerEndpoints.SERVICES, a);
    assertThat(values(Claims.IPS)).isEmpty();
    assertThat(values(Claims.PORTS)).isEmpty();
  }

  @Test
  void repairClaimsForStoredServicesAndFreesOldOrphans() {
    store.create(ApiServerEndpoints.SERVICES, "default", "legacy",
        Svc.of("legacy", "{type:'NodePort',clusterIP:'10.43.3.3',clusterIPs:['10.43.3.3'],ports:[{port:80,nodePort:30033}]}"));
    Claims old = new Claims(backend, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    old.claim(Claims.IPS, "10.43.4.4", "default/gone", "u-gone");
    claims.claim(Claims.IPS, "10.43.5.5", "default/inflight", "u-inflight");
    RepairPlan plan = new Repair(store, ApiServerEndpoints.SERVICES, claims, IPS, PORTS, Clock.systemUTC(), Duration.ofMinutes(1)).run();
    assertThat(plan.freeIps()).extracting(Claims.Claim::value).containsExactly("10.43.4.4");
    assertThat(values(Claims.IPS)).containsExactlyInAnyOrder("10.43.3.3", "10.43.5.5");
    assertThat(values(Claims.PORTS)).containsExactly("30033");
  }
}
