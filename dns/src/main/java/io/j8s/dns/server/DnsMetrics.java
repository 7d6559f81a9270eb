package io.j8s.dns.server;

import io.j8s.dns.forward.ResponseCache;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Rcode;

/** Counters in Prometheus text format, named after CoreDNS's where one matches. */
public final class DnsMetrics {
  static final double[] BUCKETS = {0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048};

  private final LongAdder[] byRcode = new LongAdder[24];
  private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
  private final LongAdder count = new LongAdder(), sumNanos = new LongAdder(), formErrDropped = new LongAdder();
  private final LongAdder udp = new LongAdder(), tcp = new LongAdder();
  private volatile ResponseCache cache;

  public DnsMetrics() {
    for (int i = 0; i < byRcode.length; i++) byRcode[i] = new LongAdder();
    for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
  }

  public void cache(ResponseCache c) { cache = c; }

  void request(boolean isUdp) { (isUdp ? udp : tcp).increment(); }

  void dropped() { formErrDropped.increment(); }

  void response(int rcode, long nanos) {
    byRcode[Math.min(rcode, byRcode.length - 1)].increment();
    count.increment();
    sumNanos.add(nanos);
    double s = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) if (s <= BUCKETS[i]) buckets[i].increment();
  }

  public long responses(int rcode) { return byRcode[rcode].sum(); }

  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP coredns_dns_requests_total Queries received, by transport.\n# TYPE coredns_dns_requests_total counter\n");
    b.append("coredns_dns_requests_total{proto=\"udp\"} ").append(udp.sum()).append('\n');
    b.append("coredns_dns_requests_total{proto=\"tcp\"} ").append(tcp.sum()).append('\n');
    b.append("# HELP coredns_dns_responses_total Responses sent, by rcode.\n# TYPE coredns_dns_responses_total counter\n");
    for (int i = 0; i < byRcode.length; i++) {
      long n = byRcode[i].sum();
      if (n > 0 || i <= Rcode.REFUSED) b.append("coredns_dns_responses_total{rcode=\"").append(Rcode.string(i)).append("\"} ").append(n).append('\n');
    }
    b.append("# HELP j8s_dns_dropped_total Packets dropped without an answer (no readable header, or a response).\n");
    b.append("# TYPE j8s_dns_dropped_total counter\nj8s_dns_dropped_total ").append(formErrDropped.sum()).append('\n');
    b.append("# HELP coredns_dns_request_duration_seconds Time to answer.\n# TYPE coredns_dns_request_duration_seconds histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      b.append("coredns_dns_request_duration_seconds_bucket{le=\"").append(java.math.BigDecimal.valueOf(BUCKETS[i]).stripTrailingZeros().toPlainString()).append("\"} ")
          .append(buckets[i].sum()).append('\n');
    }
    b.append("coredns_dns_request_duration_seconds_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
    b.append("coredns_dns_request_duration_seconds_sum ").append(String.format(Locale.ROOT, "%.6f", sumNanos.sum() / 1e9)).append('\n');
    b.append("coredns_dns_request_duration_seconds_count ").append(count.sum()).append('\n');
    ResponseCache c = cache;
    if (c != null) {
      b.append("# HELP coredns_cache_hits_total Forwarded names answered from the cache.\n# TYPE coredns_cache_hits_total counter\n");
      b.append("coredns_cache_hits_total ").append(c.hits()).append('\n');
      b.append("# HELP coredns_cache_misses_total Forwarded names not in the cache.\n# TYPE coredns_cache_misses_total counter\n");
      b.append("coredns_cache_misses_total ").append(c.misses()).append('\n');
      b.append("# HELP coredns_cache_entries Entries in the cache.\n# TYPE coredns_cache_entries gauge\n");
      b.append("coredns_cache_entries ").append(c.size()).append('\n');
    }
    return b.toString();
  }
}
