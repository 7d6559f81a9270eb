package io.j8s.hostnet.ipvs;

import java.util.Locale;

/**
 * One IPVS virtual service: {@code protocol address:port}, its scheduler ({@code rr}, ...) and, for
 * ClientIP affinity, a persistence timeout in seconds (0: not persistent). IPv4 only.
 */
public record VirtualServer(Protocol protocol, String address, int port, String scheduler, int persistenceSeconds) {
  /** The schedulers the Linux kernel ships ({@code ip_vs_<name>} modules). */
  public static final java.util.Set<String> SCHEDULERS =
      java.util.Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");

  /** The protocols IPVS balances, with ipvsadm's option for each. */
  public enum Protocol {
    TCP("-t"), UDP("-u"), SCTP("--sctp-service");

    private final String option;

    Protocol(String option) {
      this.option = option;
    }

    public String option() {
      return option;
    }

    public static Protocol of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The protocol an ipvsadm service option names, or null. */
    static Protocol ofOption(String option) {
      return switch (option) {
        case "-t", "--tcp-service" -> TCP;
        case "-u", "--udp-service" -> UDP;
        case "--sctp-service" -> SCTP;
        default -> null;
      };
    }
  }

  public VirtualServer {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    if (persistenceSeconds < 0) throw new IllegalArgumentException("negative persistence: " + persistenceSeconds);
  }

  /** What identifies the service in the kernel: {@code TCP 10.43.0.1:443}. */
  public String key() {
    return protocol + " " + address + ":" + port;
  }

  /** The service argument of ipvsadm: {@code -t 10.43.0.1:443}. */
  public String serviceArgs() {
    return protocol.option() + " " + address + ":" + port;
  }

  /** The same service with another scheduling: what an edit ({@code -E}) can change in place. */
  public boolean sameService(VirtualServer o) {
    return protocol == o.protocol && address.equals(o.address) && port == o.port;
  }
}
