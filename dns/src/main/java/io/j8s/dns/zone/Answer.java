package io.j8s.dns.zone;

import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/** The sections of an authoritative answer: rcode, answer records, authority (SOA when empty), additional. */
public record Answer(int rcode, List<Record> answers, List<Record> authority, List<Record> additional) {
  public Answer {
    answers = List.copyOf(answers);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }

  public boolean nxdomain() { return rcode == Rcode.NXDOMAIN; }

  /** NOERROR with no answer: the name exists, not with this type. */
  public boolean nodata() { return rcode == Rcode.NOERROR && answers.isEmpty(); }
}
