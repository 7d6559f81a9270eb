package io.j8s.apiserver.services;

/**
 * One refused field, rendered like upstream's field.Error.
 *
 * @param reason   FieldValueInvalid, FieldValueDuplicate, ...
 * @param field    e.g. {@code spec.ports[0].nodePort}
 * @param message  what follows "field: ", e.g. {@code Invalid value: 30080: provided port is already allocated}
 */
record Problem(String reason, String field, String message) {
  static Problem invalid(String field, String renderedValue, String detail) {
    return new Problem("FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + detail);
  }

  /** Go's rendering of a []string, as upstream prints spec.clusterIPs. */
  static String goStrings(java.util.List<String> values) {
    StringBuilder b = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) b.append(i > 0 ? ", " : "").append('"').append(values.get(i)).append('"');
    return b.append('}').toString();
  }

  static Problem ipNotInRange(java.util.List<String> clusterIps, String ip, ServiceIpRange range) {
    return invalid("spec.clusterIPs", goStrings(clusterIps), "failed to allocate IP " + ip
        + ": provided IP is not in the valid range. The range of valid IPs is " + range.cidr());
  }

  static Problem ipAllocated(java.util.List<String> clusterIps, String ip) {
    return invalid("spec.clusterIPs", goStrings(clusterIps), "failed to allocate IP " + ip + ": provided IP is already allocated");
  }

  static Problem portNotInRange(String field, int port, NodePortRange range) {
    return invalid(field, Integer.toString(port), "provided port is not in the valid range. The range of valid ports is " + range);
  }

  static Problem portAllocated(String field, int port) {
    return invalid(field, Integer.toString(port), "provided port is already allocated");
  }
}
