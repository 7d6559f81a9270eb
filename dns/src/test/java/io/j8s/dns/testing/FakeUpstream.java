package io.j8s.dns.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A resolver for a made-up zone {@code example.test} on a loopback address, port 53, UDP and TCP
 * (tests run as root in a network namespace): {@code www} A 192.0.2.1 (TTL 2), {@code big} 100 A
 * records (over UDP always a truncated answer with TC), anything else NXDOMAIN with a SOA
 * (minimum 60). Counts the questions it got by name and transport.
 */
public final class FakeUpstream implements AutoCloseable {
  public static final Name ZONE = Name.fromConstantString("example.test.");
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public FakeUpstream(String ip) throws IOException {
    InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ip), 53);
    udp = new DatagramSocket(at);
    tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(at);
    Thread.ofPlatform().daemon().name("fake-upstream-udp").start(this::serveUdp);
    Thread.ofPlatform().daemon().name("fake-upstream-tcp").start(this::serveTcp);
  }

  /** Questions for {@code name} (first label, e.g. "www") seen over "udp" or "tcp". */
  public int count(String label, String transport) {
    AtomicInteger n = counts.get(label + "/" + transport);
    return n == null ? 0 : n.get();
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        byte[] out = answer(q, true).toWire(512);
        udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a bad packet
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] q = new byte[in.readUnsignedShort()];
        in.readFully(q);
        byte[] out = answer(new Message(q), false).toWire();
        DataOutputStream o = new DataOutputStream(s.getOutputStream());
        o.writeShort(out.length);
        o.write(out);
        o.flush();
      } catch (IOException e) {
        // closed, or a bad connection
      }
    }
  }

  private Message answer(Message q, boolean overUdp) throws IOException {
    Record question = q.getQuestion();
    String label = question.getName().getLabelString(0).toLowerCase();
    counts.computeIfAbsent(label + "/" + (overUdp ? "udp" : "tcp"), k -> new AtomicInteger()).incrementAndGet();
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.RA);
    r.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    if (label.equals("www") && question.getType() == Type.A) {
      r.addRecord(new ARecord(name, DClass.IN, 2, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    } else if (label.equals("big") && question.getType() == Type.A) {
      if (overUdp) {
        r.getHeader().setFlag(Flags.TC);
        return r;
      }
      for (int i = 1; i <= 100; i++) r.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName("198.51.100." + i)), Section.ANSWER);
    } else if (!(label.equals("www") || label.equals("big"))) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
      r.addRecord(soa(), Section.AUTHORITY);
    } else {
      r.addRecord(soa(), Section.AUTHORITY); // NODATA
    }
    return r;
  }

  private static Record soa() {
    return new SOARecord(ZONE, DClass.IN, 300, Name.fromConstantString("ns.example.test."), Name.fromConstantString("h.example.test."),
        1, 60, 60, 60, 60);
  }

  public static List<String> a(Message m) {
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Override public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}
