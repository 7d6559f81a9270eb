package io.j8s.api.quota;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's LimitRanger admission, pure. {@link #mutate} gives each container (and init
 * container) the defaults of the namespace's Container limits it lacks and notes what it set in
 * the {@code kubernetes.io/limit-ranger} annotation; {@link #validate} checks min, max and
 * maxLimitRequestRatio per Container, per Pod (over the pod's effective requests and limits)
 * and per PersistentVolumeClaim (storage requests), returning upstream's message for the first
 * LimitRange violated, or null.
 */
public final class LimitRanger {
  public static final String ANNOTATION = "kubernetes.io/limit-ranger";

  private LimitRanger() {}

  /** Fills missing requests and limits from each LimitRange's Container defaults. */
  public static void mutate(List<LimitRange> ranges, Pod pod) {
    for (LimitRange r : ranges) {
      Map<String, Quantity> requests = new TreeMap<>();
      Map<String, Quantity> limits = new TreeMap<>();
      for (LimitRangeItem i : items(r)) {
        if (!"Container".equals(i.getType())) continue;
        if (i.getDefaultRequest() != null) requests.putAll(i.getDefaultRequest());
        if (i.getDefault() != null) limits.putAll(i.getDefault());
      }
      if (requests.isEmpty() && limits.isEmpty()) continue;
      List<String> notes = new ArrayList<>();
      for (Container c : list(pod.getSpec().getContainers())) merge(c, requests, limits, "container", notes);
      for (Container c : list(pod.getSpec().getInitContainers())) merge(c, requests, limits, "init container", notes);
      if (notes.isEmpty()) continue;
      if (pod.getMetadata().getAnnotations() == null) pod.getMetadata().setAnnotations(new LinkedHashMap<>());
      pod.getMetadata().getAnnotations().put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
    }
  }

  private static void merge(Container c, Map<String, Quantity> requests, Map<String, Quantity> limits, String what, List<String> notes) {
    if (c.getResources() == null) c.setResources(new ResourceRequirements());
    ResourceRequirements rr = c.getResources();
    Map<String, Quantity> req = rr.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(rr.getRequests());
    Map<String, Quantity> lim = rr.getLimits() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(rr.getLimits());
    List<String> setReq = new ArrayList<>();
    List<String> setLim = new ArrayList<>();
    limits.forEach((k, v) -> {
      if (!lim.containsKey(k)) {
        lim.put(k, new Quantity(v.toString()));
        setLim.add(k);
      }
    });
    requests.forEach((k, v) -> {
      if (!req.containsKey(k)) {
        req.put(k, new Quantity(v.toString()));
        setReq.add(k);
      }
    });
    if (!req.isEmpty()) rr.setRequests(req);
    if (!lim.isEmpty()) rr.setLimits(lim);
    if (!setReq.isEmpty()) notes.add(String.join(", ", setReq) + " request for " + what + " " + c.getName());
    if (!setLim.isEmpty()) notes.add(String.join(", ", setLim) + " limit for " + what + " " + c.getName());
  }

  /** The first LimitRange's violations by the pod, as upstream's aggregate message; null if none. */
  public static String validate(List<LimitRange> ranges, Pod pod) {
    for (LimitRange r : ranges) {
      List<String> errs = new ArrayList<>();
      for (LimitRangeItem i : items(r)) {
        if ("Container".equals(i.getType())) {
          for (Container c : list(pod.getSpec().getContainers())) bounds(i, "Container", requests(c), limits(c), errs);
          for (Container c : list(pod.getSpec().getInitContainers())) bounds(i, "Container", requests(c), limits(c), errs);
        } else if ("Pod".equals(i.getType())) {
          bounds(i, "Pod", PodResources.requests(pod), PodResources.limits(pod), errs);
        }
      }
      if (!errs.isEmpty()) return aggregate(errs);
    }
    return null;
  }

  /** The first LimitRange's violations by the claim's storage requests; null if none. */
  public static String validate(List<LimitRange> ranges, PersistentVolumeClaim claim) {
    Map<String, Quantity> req = claim.getSpec() == null || claim.getSpec().getResources() == null
        || claim.getSpec().getResources().getRequests() == null ? Map.of() : claim.getSpec().getResources().getRequests();
    for (LimitRange r : ranges) {
      List<String> errs = new ArrayList<>();
      for (LimitRangeItem i : items(r)) {
        if (!"PersistentVolumeClaim".equals(i.getType())) continue;
        sorted(i.getMin()).forEach((k, v) -> min("PersistentVolumeClaim", k, v, req, Map.of(), errs));
        sorted(i.getMax()).forEach((k, v) -> {
          Quantity q = req.get(k);
          if (q == null) errs.add("maximum " + k + " usage per PersistentVolumeClaim is " + str(v) + ".  No request is specified");
          else if (cmp(q, v) > 0) errs.add("maximum " + k + " usage per PersistentVolumeClaim is " + str(v) + ", but request is " + str(q));
        });
      }
      if (!errs.isEmpty()) return aggregate(errs);
    }
    return null;
  }

  private static void bounds(LimitRangeItem i, String type, Map<String, Quantity> req, Map<String, Quantity> lim, List<String> errs) {
    sorted(i.getMin()).forEach((k, v) -> min(type, k, v, req, lim, errs));
    sorted(i.getMax()).forEach((k, v) -> {
      Quantity l = lim.get(k);
      Quantity q = req.get(k);
      if (l == null) errs.add("maximum " + k + " usage per " + type + " is " + str(v) + ".  No limit is specified");
      else if (cmp(l, v) > 0) errs.add("maximum " + k + " usage per " + type + " is " + str(v) + ", but limit is " + str(l));
      else if (q != null && cmp(q, v) > 0) errs.add("maximum " + k + " usage per " + type + " is " + str(v) + ", but request is " + str(q));
    });
    sorted(i.getMaxLimitRequestRatio()).forEach((k, v) -> {
      Quantity q = req.get(k);
      Quantity l = lim.get(k);
      String head = k + " max limit to request ratio per " + type + " is " + str(v);
      if (q == null || Quantities.value(q).signum() == 0) errs.add(head + ", but no request is specified or request is 0");
      else if (l == null || Quantities.value(l).signum() == 0) errs.add(head + ", but no limit is specified or limit is 0");
      else {
        BigDecimal ratio = Quantities.value(l).divide(Quantities.value(q), MathContext.DECIMAL64);
        if (ratio.compareTo(Quantities.value(v)) > 0) {
          errs.add(head + ", but provided ratio is " + String.format(Locale.ROOT, "%f", ratio.doubleValue()));
        }
      }
    });
  }

  private static void min(String type, String k, Quantity v, Map<String, Quantity> req, Map<String, Quantity> lim, List<String> errs) {
    Quantity q = req.get(k);
    Quantity l = lim.get(k);
    if (q == null) errs.add("minimum " + k + " usage per " + type + " is " + str(v) + ".  No request is specified");
    else if (cmp(q, v) < 0) errs.add("minimum " + k + " usage per " + type + " is " + str(v) + ", but request is " + str(q));
    else if (l != null && cmp(l, v) < 0) errs.add("minimum " + k + " usage per " + type + " is " + str(v) + ", but limit is " + str(l));
  }

  /** As upstream's utilerrors aggregate: one message alone, several in brackets. */
  static String aggregate(List<String> errs) {
    return errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
  }

  private static int cmp(Quantity a, Quantity b) { return Quantities.value(a).compareTo(Quantities.value(b)); }

  private static String str(Quantity q) { return Quantities.string(Quantities.value(q), Quantities.binary(q)); }

  private static Map<String, Quantity> sorted(Map<String, Quantity> m) { return m == null ? Map.of() : new TreeMap<>(m); }

  private static Map<String, Quantity> requests(Container c) { return PodResources.of(c, ResourceRequirements::getRequests); }

  private static Map<String, Quantity> limits(Container c) { return PodResources.of(c, ResourceRequirements::getLimits); }

  private static List<LimitRangeItem> items(LimitRange r) {
    return r.getSpec() == null || r.getSpec().getLimits() == null ? List.of() : r.getSpec().getLimits();
  }

  private static <T> List<T> list(List<T> l) { return l == null ? List.of() : l; }
}
