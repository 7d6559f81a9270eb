package io.j8s.hostnet.ipvs;

/**
 * One change to the IPVS table, as one line of {@code ipvsadm} arguments ({@link #line()}, what
 * {@code ipvsadm -R} reads): add, edit or delete a virtual service; add, edit or delete one of its
 * masquerading real servers. Editing keeps the service's or destination's open connections.
 */
public sealed interface IpvsOp {
  String line();

  record AddService(VirtualServer server) implements IpvsOp {
    @Override public String line() {
      return "-A " + scheduling(server);
    }
  }

  record EditService(VirtualServer server) implements IpvsOp {
    @Override public String line() {
      return "-E " + scheduling(server);
    }
  }

  record DeleteService(VirtualServer server) implements IpvsOp {
    @Override public String line() {
      return "-D " + server.serviceArgs();
    }
  }

  record AddServer(VirtualServer server, RealServer real) implements IpvsOp {
    @Override public String line() {
      return "-a " + server.serviceArgs() + " -r " + real.key() + " -m -w " + real.weight();
    }
  }

  record EditServer(VirtualServer server, RealServer real) implements IpvsOp {
    @Override public String line() {
      return "-e " + server.serviceArgs() + " -r " + real.key() + " -m -w " + real.weight();
    }
  }

  record DeleteServer(VirtualServer server, RealServer real) implements IpvsOp {
    @Override public String line() {
      return "-d " + server.serviceArgs() + " -r " + real.key();
    }
  }

  private static String scheduling(VirtualServer s) {
    return s.serviceArgs() + " -s " + s.scheduler() + (s.persistenceSeconds() > 0 ? " -p " + s.persistenceSeconds() : "");
  }
}
