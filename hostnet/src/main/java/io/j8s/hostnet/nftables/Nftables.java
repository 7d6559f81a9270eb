package io.j8s.hostnet.nftables;

import io.j8s.hostnet.HostnetException;
import java.util.Optional;

/** One network namespace's nftables ruleset. */
public interface Nftables {
  /** A table: its family ({@code ip}, {@code inet}, ...) and name. */
  record Table(String family, String name) {
    @Override public String toString() {
      return family + " " + name;
    }
  }

  /** Applies an {@code nft -f} script as one transaction: every command takes effect or none does. */
  void apply(String script) throws HostnetException;

  /** The table as {@code nft list table} text, or empty when it does not exist. */
  Optional<String> list(Table table) throws HostnetException;

  /** The table as {@code nft -j list table} JSON, or empty when it does not exist. */
  Optional<String> listJson(Table table) throws HostnetException;

  /** Deletes the table with everything in it; false when there was none. */
  boolean deleteTable(Table table) throws HostnetException;
}
