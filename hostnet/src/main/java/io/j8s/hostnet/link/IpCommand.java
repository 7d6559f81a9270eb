package io.j8s.hostnet.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostTool;
import io.j8s.hostnet.HostnetException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Links} through iproute2: {@code ip} and {@code bridge}, reading with {@code -json}. An
 * optional command prefix (e.g. {@code ip netns exec NAME}) runs them in another namespace.
 */
public final class IpCommand implements Links {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HostTool tool;

  /** In the current network namespace. */
  public IpCommand() { this(List.of()); }

  public IpCommand(List<String> prefix) { this.tool = new HostTool(new ProcessRunner(), prefix, "iproute2"); }

  @Override public Optional<Link> link(String name) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("ip", "-json", "-details", "link", "show", "dev", name), null);
    if (!r.ok()) {
      if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) return Optional.empty();
      throw HostTool.failure(r);
    }
    JsonNode a = parse(r.stdout());
    return a.isArray() && !a.isEmpty() ? Optional.of(toLink(a.get(0))) : Optional.empty();
  }

  @Override public Optional<Link> linkWithAddress(String ip) throws HostnetException {
    for (JsonNode l : parse(run(List.of("ip", "-json", "-4", "addr", "show")).stdout())) {
      for (JsonNode a : l.path("addr_info")) {
        if (ip.equals(a.path("local").asText())) return link(l.path("ifname").asText());
      }
    }
    return Optional.empty();
  }

  static Link toLink(JsonNode l) {
    boolean up = false;
    for (JsonNode f : l.path("flags")) up |= f.asText().equals("UP");
    JsonNode info = l.path("linkinfo");
    Link.Vxlan vx = null;
    if ("vxlan".equals(info.path("info_kind").asText())) {
      JsonNode d = info.path("info_data");
      vx = new Link.Vxlan(d.path("id").asInt(), d.path("port").asInt(), d.path("local").asText(null),
          d.hasNonNull("link") ? d.path("link").asText() : null, d.path("learning").asBoolean(true));
    }
    String mac = l.hasNonNull("address") && Mac.valid(l.path("address").asText()) ? Mac.normalize(l.path("address").asText()) : null;
    return new Link(l.path("ifname").asText(), l.path("mtu").asInt(), mac, up, vx);
  }

  @Override public void addVxlan(VxlanSpec s) throws HostnetException {
    List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", s.name(), "type", "vxlan", "id", Integer.toString(s.vni()),
        "dstport", Integer.toString(s.port()), "local", s.local()));
    if (s.parent() != null) cmd.addAll(List.of("dev", s.parent()));
    cmd.add("nolearning");
    run(cmd);
    run(List.of("ip", "link", "set", "dev", s.name(), "mtu", Integer.toString(s.mtu()), "up"));
  }

  @Override public void addDummy(String name) throws HostnetException {
    run(List.of("ip", "link", "add", name, "type", "dummy"));
  }

  @Override public void deleteLink(String name) throws HostnetException {
    if (link(name).isPresent()) run(List.of("ip", "link", "del", "dev", name));
  }

  @Override public List<String> addresses(String dev) throws HostnetException {
    List<String> out = new ArrayList<>();
    for (JsonNode l : parse(run(List.of("ip", "-json", "-4", "addr", "show", "dev", dev)).stdout())) {
      for (JsonNode a : l.path("addr_info")) out.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
    }
    return out;
  }

  @Override public void addAddress(String dev, String cidr) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("ip", "addr", "add", cidr, "dev", dev), null);
    if (!r.ok() && !r.stderr().contains("File exists") && !r.stderr().contains("already assigned")) throw HostTool.failure(r);
  }

  @Override public void deleteAddress(String dev, String cidr) throws HostnetException {
    if (addresses(dev).contains(cidr)) run(List.of("ip", "addr", "del", cidr, "dev", dev));
  }

  @Override public List<Route> routes(int protocol) throws HostnetException {
    List<Route> out = new ArrayList<>();
    for (JsonNode r : parse(run(List.of("ip", "-json", "-4", "route", "show", "proto", Integer.toString(protocol))).stdout())) {
      String dst = r.path("dst").asText();
      if (!dst.contains("/")) dst = dst + "/32";
      boolean onlink = false;
      for (JsonNode f : r.path("flags")) onlink |= f.asText().equals("onlink");
      out.add(new Route(dst, r.hasNonNull("gateway") ? r.path("gateway").asText() : null, r.path("dev").asText(), onlink, protocol));
    }
    return out;
  }

  @Override public void replaceRoute(Route route) throws HostnetException { run(routeCommand("replace", route)); }

  @Override public void deleteRoute(Route route) throws HostnetException {
    ProcessResult r = tool.attempt(routeCommand("del", route), null);
    if (!r.ok() && !r.stderr().contains("No such process") && !r.stderr().contains("Cannot find device")) throw HostTool.failure(r);
  }

  private static List<String> routeCommand(String verb, Route route) {
    List<String> cmd = new ArrayList<>(List.of("ip", "route", verb, route.dst()));
    if (route.via() != null) cmd.addAll(List.of("via", route.via()));
    cmd.addAll(List.of("dev", route.dev()));
    if (route.onlink()) cmd.add("onlink");
    cmd.addAll(List.of("proto", Integer.toString(route.protocol())));
    return cmd;
  }

  @Override public List<Neighbour> neighbours(String dev) throws HostnetException {
    List<Neighbour> out = new ArrayList<>();
    ProcessResult r = tool.attempt(List.of("ip", "-json", "-4", "neigh", "show", "dev", dev, "nud", "permanent"), null);
    if (!r.ok()) {
      if (r.stderr().contains("Cannot find device")) return out;
      throw HostTool.failure(r);
    }
    for (JsonNode n : parse(r.stdout())) {
      if (n.hasNonNull("lladdr")) out.add(new Neighbour(dev, n.path("dst").asText(), n.path("lladdr").asText()));
    }
    return out;
  }

  @Override public void replaceNeighbour(Neighbour n) throws HostnetException {
    run(List.of("ip", "neigh", "replace", n.ip(), "lladdr", n.mac(), "dev", n.dev(), "nud", "permanent"));
  }

  @Override public void deleteNeighbour(Neighbour n) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("ip", "neigh", "del", n.ip(), "dev", n.dev()), null);
    if (!r.ok() && !r.stderr().contains("No such file") && !r.stderr().contains("Cannot find device")) throw HostTool.failure(r);
  }

  @Override public List<FdbEntry> fdb(String dev) throws HostnetException {
    List<FdbEntry> out = new ArrayList<>();
    ProcessResult r = tool.attempt(List.of("bridge", "-json", "fdb", "show", "dev", dev), null);
    if (!r.ok()) {
      if (r.stderr().contains("Cannot find device") || r.stderr().contains("does not exist")) return out;
      throw HostTool.failure(r);
    }
    for (JsonNode e : parse(r.stdout())) {
      if (e.hasNonNull("dst") && "permanent".equals(e.path("state").asText()) && Mac.valid(e.path("mac").asText())) {
        out.add(new FdbEntry(dev, e.path("mac").asText(), e.path("dst").asText()));
      }
    }
    return out;
  }

  @Override public void replaceFdb(FdbEntry e) throws HostnetException {
    run(List.of("bridge", "fdb", "replace", e.mac(), "dev", e.dev(), "dst", e.dst(), "self", "permanent"));
  }

  @Override public void deleteFdb(FdbEntry e) throws HostnetException {
    ProcessResult r = tool.attempt(List.of("bridge", "fdb", "del", e.mac(), "dev", e.dev(), "dst", e.dst(), "self"), null);
    if (!r.ok() && !r.stderr().contains("No such file") && !r.stderr().contains("Cannot find device")) throw HostTool.failure(r);
  }

  private static JsonNode parse(String out) throws HostnetException {
    if (out.isBlank()) return JSON.createArrayNode();
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new HostnetException("unreadable iproute2 JSON: " + out.strip(), e);
    }
  }

  private ProcessResult run(List<String> command) throws HostnetException {
    return tool.run(command, null);
  }
}
