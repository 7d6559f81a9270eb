package io.j8s.bench;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.j8s.network.policy.PolicyCompiler;
import io.j8s.network.policy.PolicyPod;
import io.j8s.network.policy.PolicyRenderer;
import io.j8s.network.policy.PolicyVerdicts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one round of the node's policy controller computes, at cluster scale (pure, no kernel):
 * {@code pods} pods over 20 namespaces and 10 nodes, 25 apps, and {@code policies} policies
 * spread over the namespaces. Each policy selects one app (or, one in ten, the whole namespace)
 * and allows ingress from the next app on 8080 and from the monitoring namespace by
 * namespaceSelector, and egress to the next namespace's pods on a named port. Columns: one
 * node's compile (what the iptables, nftables and ipvs modes do each round) and the cluster-wide
 * compile plus verdicts (what the userspace mode does: every pod, so its relay can judge both
 * ends), and the text of the node's table from its compile (what {@code nft -f} is then given).
 * Median of {@code rounds} after two warm-up rounds.
 *
 * <p>Usage: {@code PolicyCompileBench [--rounds 7] [--sizes 100x100,1000x1000,5000x2000]} (pods x policies)
 */
public final class PolicyCompileBench {
  static final int NAMESPACES = 20;
  static final int NODES = 10;
  static final int APPS = 25;

  public static void main(String[] args) {
    int rounds = 7;
    List<int[]> sizes = List.of(new int[] {100, 100}, new int[] {1000, 1000}, new int[] {5000, 2000});
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(s -> s.trim().split("x"))
            .map(s -> new int[] {Integer.parseInt(s[0]), Integer.parseInt(s[1])}).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --rounds 7 --sizes 1000x1000,...");
      }
    }
    System.out.printf(Locale.ROOT, "policy compile at scale: %d namespaces, %d nodes, %d apps, median of %d rounds, %d cpus%n",
        NAMESPACES, NODES, APPS, rounds, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-7s %-9s %-22s %-30s %-26s%n", "pods", "policies", "one node's compile ms", "cluster compile + verdicts ms",
        "one node's table text ms");
    for (int[] s : sizes) {
      List<PolicyPod> pods = pods(s[0]);
      List<NetworkPolicy> policies = policies(s[1]);
      Map<String, Map<String, String>> labels = namespaceLabels();
      double node = median(rounds, () -> PolicyCompiler.compile(policies, pods, labels, "node-0").size());
      String from = pods.get(1).ip();
      String to = pods.get(0).ip();
      double cluster = median(rounds, () -> new PolicyVerdicts(PolicyCompiler.compileAll(policies, pods, labels).values())
          .allows(from, to, "tcp", 8080) ? 1 : 0);
      var desired = PolicyCompiler.compile(policies, pods, labels, "node-0");
      int[] size = new int[1];
      double render = median(rounds, () -> size[0] = PolicyRenderer.render(desired.values()).script().length());
      System.out.printf(Locale.ROOT, "%-7d %-9d %-22.1f %-30.1f %-26s%n", s[0], s[1], node, cluster,
          String.format(Locale.ROOT, "%.1f (%,d bytes)", render, size[0]));
    }
  }

  /** Milliseconds, median of {@code rounds} runs after two warm-ups; {@code work} returns something so it is not optimised away. */
  static double median(int rounds, java.util.function.IntSupplier work) {
    long sink = 0;
    for (int i = 0; i < 2; i++) sink += work.getAsInt();
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      sink += work.getAsInt();
      nanos[i] = System.nanoTime() - t0;
    }
    if (sink == Long.MIN_VALUE) System.out.println(sink);
    return new Stats(nanos).percentileMillis(50);
  }

  static List<PolicyPod> pods(int n) {
    List<PolicyPod> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new PolicyPod("ns-" + i % NAMESPACES, "pod-" + i, Map.of("app", "app-" + i % APPS), "10.244." + i / 250 + "." + (i % 250 + 1),
          "node-" + i % NODES, List.of(new PolicyPod.NamedPort("http", "TCP", 8080 + i % 3))));
    }
    return out;
  }

  static Map<String, Map<String, String>> namespaceLabels() {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (int i = 0; i < NAMESPACES; i++) out.put("ns-" + i, Map.of("team", i == 0 ? "monitoring" : "team-" + i));
    return out;
  }

  static List<NetworkPolicy> policies(int n) {
    List<NetworkPolicy> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String selects = i % 10 == 0 ? "{}" : "{matchLabels: {app: app-" + i % APPS + "}}";
      out.add(PolicyBench.JSON.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p" + i + ", namespace: ns-"
          + i % NAMESPACES + "}\nspec:\n  podSelector: " + selects + "\n  policyTypes: [Ingress, Egress]\n"
          + "  ingress:\n  - from: [{podSelector: {matchLabels: {app: app-" + (i + 1) % APPS + "}}}, {namespaceSelector: {matchLabels: {team: monitoring}}}]\n"
          + "    ports: [{port: 8080}]\n"
          + "  egress:\n  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ns-" + (i + 1) % NAMESPACES + "}}}]\n"
          + "    ports: [{port: http}]\n", NetworkPolicy.class));
    }
    return out;
  }
}
