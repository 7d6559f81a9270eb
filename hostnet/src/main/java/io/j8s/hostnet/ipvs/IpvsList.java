package io.j8s.hostnet.ipvs;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the connection counts of {@code ipvsadm -L -n}: per destination, keyed
 * {@code TCP 10.43.0.1:443/10.42.0.5:6443}, its active plus inactive connections (what upstream's
 * graceful termination waits on before deleting a quiesced destination). Fwmark and IPv6 services
 * are skipped, as in {@link IpvsSave}.
 */
public final class IpvsList {
  private IpvsList() {}

  public static Map<String, Integer> connections(String listing) {
    Map<String, Integer> out = new TreeMap<>();
    String service = null;
    for (String line : listing.split("\n")) {
      String[] t = line.strip().split("\\s+");
      if (t.length >= 2 && (t[0].equals("TCP") || t[0].equals("UDP") || t[0].equals("SCTP"))) {
        service = t[1].startsWith("[") ? null : t[0] + " " + t[1];
      } else if (t.length >= 2 && (t[0].equals("FWM") || t[0].equals("Prot"))) {
        service = null;
      } else if (service != null && t.length >= 6 && t[0].equals("->") && Character.isDigit(t[1].charAt(0))) {
        try {
          out.put(service + "/" + t[1], Integer.parseInt(t[4]) + Integer.parseInt(t[5]));
        } catch (NumberFormatException e) {
          // not a destination line
        }
      }
    }
    return out;
  }
}
