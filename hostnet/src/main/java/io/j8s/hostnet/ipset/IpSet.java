package io.j8s.hostnet.ipset;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One IP set: name, type ({@code hash:ip,port}, {@code bitmap:port}, ...), the options it is
 * created with ({@code family inet hashsize 1024 maxelem 65536}, {@code range 0-65535}) and its
 * entries in {@code ipset save}'s normalised text.
 */
public record IpSet(String name, String type, List<String> options, SortedSet<String> entries) {
  public IpSet {
    if (name.isEmpty() || name.length() > 31) throw new IllegalArgumentException("ipset names have 1 to 31 characters: " + name);
    options = List.copyOf(options);
    entries = Collections.unmodifiableSortedSet(new TreeSet<>(entries));
  }

  /** The options ipset gives a set of this type unless told otherwise (what {@code ipset save} prints back). */
  public static List<String> defaultOptions(String type) {
    return type.startsWith("bitmap:port") ? List.of("range", "0-65535") : List.of("family", "inet", "hashsize", "1024", "maxelem", "65536");
  }

  public static IpSet of(String name, String type, Iterable<String> entries) {
    TreeSet<String> e = new TreeSet<>();
    entries.forEach(e::add);
    return new IpSet(name, type, defaultOptions(type), e);
  }

  /** The {@code create} line. */
  public String createLine() {
    return "create " + name + " " + type + (options.isEmpty() ? "" : " " + String.join(" ", options));
  }
}
