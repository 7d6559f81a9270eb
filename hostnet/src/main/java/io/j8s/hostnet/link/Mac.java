package io.j8s.hostnet.link;

import java.util.Locale;
import java.util.regex.Pattern;

/** Ethernet MAC addresses as iproute2 prints them: six lower-case hex pairs joined by colons. */
public final class Mac {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private Mac() {}

  public static String normalize(String mac) {
    String m = mac == null ? "" : mac.toLowerCase(Locale.ROOT);
    if (!MAC.matcher(m).matches()) throw new IllegalArgumentException("not a MAC address: " + mac);
    return m;
  }

  public static boolean valid(String mac) {
    return mac != null && MAC.matcher(mac.toLowerCase(Locale.ROOT)).matches();
  }
}
