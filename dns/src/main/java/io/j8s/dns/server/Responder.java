package io.j8s.dns.server;

import io.j8s.base.time.Clock;
import io.j8s.dns.forward.Forwarder;
import io.j8s.dns.forward.ResponseCache;
import io.j8s.dns.forward.Reply;
import io.j8s.dns.zone.Answer;
import io.j8s.dns.zone.ClusterAnswers;
import io.j8s.dns.zone.ClusterSnapshot;
import io.j8s.dns.zone.ReverseAnswers;
import io.j8s.dns.zone.ZoneConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Query bytes to answer bytes. Under 12 bytes, or a response (QR set): dropped (null). Not
 * parseable, or not exactly one question: FORMERR echoing the header's ID. Opcode other than
 * QUERY: NOTIMP; EDNS version above 0: BADVERS; zone transfers and classes other than IN/ANY:
 * REFUSED. Cluster names are answered authoritatively from the current snapshot; others are
 * forwarded (REFUSED when there is no upstream). Encoded answers are kept per exact question
 * ({@link AnswerBytesCache}): cluster ones for the snapshot, cached upstream ones while their
 * counted-down TTLs stay the same. Over UDP an answer longer than 512 bytes, or than
 * the client's EDNS payload size, is truncated with TC set.
 */
public final class Responder {
  private static final Logger LOG = LoggerFactory.getLogger(Responder.class);
  static final int UDP_MIN = 512, EDNS_PAYLOAD = 1232;

  private final Supplier<ClusterSnapshot> snapshot;
  private final ZoneConfig zone;
  private final Forwarder forwarder;
  private final DnsMetrics metrics;
  private final AnswerBytesCache answers = new AnswerBytesCache(100_000);
  private final Clock clock;

  /** @param forwarder null: names outside the zone are REFUSED */
  public Responder(Supplier<ClusterSnapshot> snapshot, ZoneConfig zone, Forwarder forwarder, DnsMetrics metrics) {
    this.snapshot = snapshot;
    this.zone = zone;
    this.forwarder = forwarder;
    this.metrics = metrics;
    this.clock = forwarder != null ? forwarder.cache().clock() : Clock.system();
    if (forwarder != null) metrics.cache(forwarder.cache());
  }

  public DnsMetrics metrics() { return metrics; }

  /** The answer's bytes, or null to send nothing. */
  public CompletableFuture<byte[]> respond(byte[] query, boolean udp) {
    long t0 = System.nanoTime();
    metrics.request(udp);
    if (query.length < Header.LENGTH || (query[2] & 0x80) != 0) {
      metrics.dropped();
      return CompletableFuture.completedFuture(null);
    }
    ClusterSnapshot snap = snapshot.get();
    AnswerBytesCache.Hit hit = answers.get(query, udp, snap, clock.nanoTime());
    if (hit != null) return done(hit.answer(), hit.rcode(), t0);
    Message q;
    try {
      q = new Message(query);
    } catch (Exception e) {
      return done(formErr(query), Rcode.FORMERR, t0);
    }
    try {
      Header h = q.getHeader();
      Record question = q.getQuestion();
      OPTRecord opt = q.getOPT();
      int limit = !udp ? 65535 : opt == null ? UDP_MIN : Math.max(UDP_MIN, Math.min(opt.getPayloadSize(), 65535));
      if (h.getOpcode() != Opcode.QUERY) return done(reply(q, Rcode.NOTIMP, false, limit), Rcode.NOTIMP, t0);
      if (question == null || h.getCount(Section.QUESTION) != 1) return done(reply(q, Rcode.FORMERR, false, limit), Rcode.FORMERR, t0);
      if (opt != null && opt.getVersion() > 0) return done(reply(q, Rcode.BADVERS, false, limit), Rcode.BADVERS, t0);
      int type = question.getType(), dclass = question.getDClass();
      if (type == Type.AXFR || type == Type.IXFR || (dclass != DClass.IN && dclass != DClass.ANY)) {
        return done(reply(q, Rcode.REFUSED, false, limit), Rcode.REFUSED, t0);
      }
      Answer a = zone.contains(question.getName()) ? ClusterAnswers.answer(snap, zone, question.getName(), type, dclass)
          : ReverseAnswers.answer(snap, zone, question.getName(), type);
      if (a != null) {
        Message m = message(q, a.rcode(), true);
        a.answers().forEach(r -> m.addRecord(r, Section.ANSWER));
        a.authority().forEach(r -> m.addRecord(r, Section.AUTHORITY));
        a.additional().forEach(r -> m.addRecord(r, Section.ADDITIONAL));
        byte[] wire = encode(m, limit);
        answers.put(query, udp, snap, wire, a.rcode());
        return done(wire, a.rcode(), t0);
      }
      if (forwarder == null || !forwarder.hasUpstreams()) return done(reply(q, Rcode.REFUSED, false, limit), Rcode.REFUSED, t0);
      ResponseCache.Lookup cached = forwarder.cache().lookup(question.getName(), type, dclass);
      if (cached != null) {
        Message m = message(q, cached.reply().rcode(), false);
        add(m, cached.reply());
        byte[] wire = encode(m, limit);
        answers.putUntil(query, udp, cached.stableUntilNanos(), wire, cached.reply().rcode());
        return done(wire, cached.reply().rcode(), t0);
      }
      return forwarder.resolve(question.getName(), type, dclass).thenApply(r -> {
        Message m = message(q, r.rcode(), false);
        add(m, r);
        metrics.response(r.rcode(), System.nanoTime() - t0);
        return encode(m, limit);
      });
    } catch (RuntimeException e) {
      LOG.warn("answering {} failed", q.getQuestion(), e);
      return done(reply(q, Rcode.SERVFAIL, false, udp ? UDP_MIN : 65535), Rcode.SERVFAIL, t0);
    }
  }

  private CompletableFuture<byte[]> done(byte[] wire, int rcode, long t0) {
    metrics.response(rcode, System.nanoTime() - t0);
    return CompletableFuture.completedFuture(wire);
  }

  private static void add(Message m, Reply r) {
    r.answers().forEach(x -> m.addRecord(x, Section.ANSWER));
    r.authority().forEach(x -> m.addRecord(x, Section.AUTHORITY));
    r.additional().forEach(x -> m.addRecord(x, Section.ADDITIONAL));
  }

  /** A response header and question for {@code q}: QR, RD copied, RA, AA when authoritative, the EDNS record when asked with one. */
  static Message message(Message q, int rcode, boolean authoritative) {
    Message m = new Message(q.getHeader().getID());
    Header h = m.getHeader();
    h.setFlag(Flags.QR);
    if (q.getHeader().getFlag(Flags.RD)) h.setFlag(Flags.RD);
    if (q.getHeader().getFlag(Flags.CD)) h.setFlag(Flags.CD);
    h.setFlag(Flags.RA);
    if (authoritative) h.setFlag(Flags.AA);
    h.setOpcode(q.getHeader().getOpcode());
    h.setRcode(rcode & 0xF);
    if (q.getQuestion() != null) m.addRecord(q.getQuestion(), Section.QUESTION);
    if (q.getOPT() != null) m.addRecord(new OPTRecord(EDNS_PAYLOAD, rcode >> 4, 0), Section.ADDITIONAL);
    return m;
  }

  private static byte[] reply(Message q, int rcode, boolean authoritative, int limit) {
    return encode(message(q, rcode, authoritative), limit);
  }

  /** Truncates (TC) what does not fit in {@code limit} bytes; the OPT record stays. */
  static byte[] encode(Message m, int limit) {
    return m.toWire(limit);
  }

  /** FORMERR for a query whose body does not parse: its ID, opcode and RD, no sections. */
  static byte[] formErr(byte[] query) {
    byte[] out = new byte[Header.LENGTH];
    out[0] = query[0];
    out[1] = query[1];
    out[2] = (byte) (0x80 | (query[2] & 0x79)); // QR, opcode, RD
    out[3] = (byte) (0x80 | Rcode.FORMERR); // RA
    return out;
  }

}
