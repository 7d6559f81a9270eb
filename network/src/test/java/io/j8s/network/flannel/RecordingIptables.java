package io.j8s.network.flannel;

import io.j8s.hostnet.iptables.Iptables;
import java.util.ArrayList;
import java.util.List;

/** Records calls; enough for the set-up paths of these tests (the real iptables is tested in hostnet). */
final class RecordingIptables implements Iptables {
  final List<String> calls = new ArrayList<>();

  @Override public String save(Table table) { return ""; }

  @Override public void restore(String payload, boolean noflush) { calls.add("restore noflush=" + noflush + "\n" + payload); }

  @Override public boolean ensureChain(Table table, String chain) { calls.add("chain " + table.id() + " " + chain); return true; }

  @Override public boolean ensureRule(Position p, Table table, String chain, List<String> args) {
    calls.add("rule " + p + " " + table.id() + " " + chain + " " + String.join(" ", args));
    return true;
  }

  @Override public void deleteRule(Table table, String chain, List<String> args) { calls.add("delete " + chain); }
}
