package io.j8s.dns.forward;

import java.util.List;
import org.xbill.DNS.Record;

/** The sections of an upstream answer (no OPT record), as relayed to the client. */
public record Reply(int rcode, List<Record> answers, List<Record> authority, List<Record> additional) {
  public Reply {
    answers = List.copyOf(answers);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }
}
