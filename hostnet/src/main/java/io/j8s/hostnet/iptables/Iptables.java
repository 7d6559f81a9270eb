package io.j8s.hostnet.iptables;

import io.j8s.hostnet.HostnetException;
import java.util.List;

/**
 * The iptables of one network namespace. Whole rulesets go through {@link #restore} (one atomic
 * {@code iptables-restore}); the few rules that hook j8s chains into the built-in ones go through
 * the idempotent {@code ensure*} calls, as upstream's kube-proxy does.
 */
public interface Iptables {

  enum Table {
    FILTER, NAT, MANGLE, RAW;

    /** The table's name as the tools spell it. */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
  }

  enum Position { APPEND, PREPEND }

  /** The table in {@code iptables-save} format. */
  String save(Table table) throws HostnetException;

  /**
   * Applies a payload in {@code iptables-restore} format (one or more {@code *table ... COMMIT}
   * sections) atomically. Without {@code noflush} every table named in the payload is replaced
   * as a whole; with it, only the chains declared in the payload are flushed and rewritten.
   */
  void restore(String payload, boolean noflush) throws HostnetException;

  /** Creates the chain unless it exists; true when it was created. */
  boolean ensureChain(Table table, String chain) throws HostnetException;

  /** Adds the rule unless an identical one exists; true when it was added. */
  boolean ensureRule(Position position, Table table, String chain, List<String> args) throws HostnetException;

  /** Deletes the rule if it exists. */
  void deleteRule(Table table, String chain, List<String> args) throws HostnetException;
}
