package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The downward API's {@code resourceFieldRef}: a container's {@code limits.*} or {@code requests.*} for cpu, memory,
 * ephemeral-storage (and hugepages-*) divided by the divisor (default 1) and rounded up. A limit that is missing or
 * zero is the node's allocatable amount, as upstream's kubelet defaults it for the downward API; a missing request
 * is 0.
 */
public final class ResourceFields {
  static final List<String> DEFAULTED = List.of("cpu", "memory", "ephemeral-storage");

  private ResourceFields() {}

  /**
   * The value for {@code ref}: of the container it names ({@code containerName}, searched among the pod's init and
   * app containers) or else of {@code current} (env); {@code current} may be null for volumes, where the name is
   * required.
   */
  public static String value(ResourceFieldSelector ref, Pod pod, Container current, Map<String, Quantity> allocatable)
      throws ContainerConfigException {
    Container c = current;
    String name = ref.getContainerName();
    if (name != null && !name.isEmpty()) {
      c = Stream.concat(list(pod.getSpec().getInitContainers()).stream(), list(pod.getSpec().getContainers()).stream())
          .filter(x -> name.equals(x.getName())).findFirst()
          .orElseThrow(() -> new ContainerConfigException("container " + name + " not found"));
    }
    if (c == null) throw new ContainerConfigException("resourceFieldRef " + ref.getResource() + " names no container");
    String resource = ref.getResource() == null ? "" : ref.getResource();
    BigDecimal divisor = ref.getDivisor() == null ? BigDecimal.ZERO : amount(ref.getDivisor());
    if (divisor.signum() == 0) divisor = BigDecimal.ONE;
    int dot = resource.indexOf('.');
    String kind = dot < 0 ? "" : resource.substring(0, dot);
    String res = dot < 0 ? "" : resource.substring(dot + 1);
    boolean known = DEFAULTED.contains(res) || res.startsWith("hugepages-");
    if (!known || !(kind.equals("limits") || kind.equals("requests"))) {
      throw new ContainerConfigException("unsupported container resource : " + resource);
    }
    Map<String, Quantity> amounts = kind.equals("limits") ? limits(c) : requests(c);
    BigDecimal q = amounts.containsKey(res) ? amount(amounts.get(res)) : BigDecimal.ZERO;
    if (kind.equals("limits") && q.signum() == 0 && DEFAULTED.contains(res) && allocatable.containsKey(res)) {
      q = amount(allocatable.get(res));
    }
    if (res.equals("cpu")) return ceilDiv(milli(q), milli(divisor));
    return ceilDiv(whole(q), whole(divisor));
  }

  private static Map<String, Quantity> limits(Container c) {
    var r = c.getResources();
    return r == null || r.getLimits() == null ? Map.of() : r.getLimits();
  }

  private static Map<String, Quantity> requests(Container c) {
    var r = c.getResources();
    return r == null || r.getRequests() == null ? Map.of() : r.getRequests();
  }

  static BigDecimal amount(Quantity q) throws ContainerConfigException {
    try {
      return q.getNumericalAmount();
    } catch (RuntimeException e) {
      throw new ContainerConfigException("invalid quantity " + q + ": " + e.getMessage(), e);
    }
  }

  /** As Quantity.MilliValue: thousandths, rounded up. */
  private static BigDecimal milli(BigDecimal q) {
    return q.movePointRight(3).setScale(0, RoundingMode.CEILING);
  }

  /** As Quantity.Value: units, rounded up. */
  private static BigDecimal whole(BigDecimal q) {
    return q.setScale(0, RoundingMode.CEILING);
  }

  private static String ceilDiv(BigDecimal a, BigDecimal b) throws ContainerConfigException {
    if (b.signum() == 0) throw new ContainerConfigException("divisor rounds to zero");
    return a.divide(b, 0, RoundingMode.CEILING).toPlainString();
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
