package io.j8s.dns.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code nameserver} lines of a resolv.conf: the upstream resolvers, port 53. */
public final class ResolvConf {
  private ResolvConf() {}

  public static List<InetSocketAddress> read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** Literal addresses only (never a lookup); anything else is skipped. */
  public static List<InetSocketAddress> parse(String text) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2 || !f[0].equals("nameserver")) continue;
      String ip = f[1];
      int zone = ip.indexOf('%');
      if (zone >= 0) ip = ip.substring(0, zone);
      if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]+") || (ip.indexOf(':') < 0 && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) continue;
      try {
        out.add(new InetSocketAddress(InetAddress.getByName(ip), 53));
      } catch (IOException e) {
        // not an address
      }
    }
    return out;
  }
}
