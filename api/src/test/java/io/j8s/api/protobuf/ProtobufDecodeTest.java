package io.j8s.api.protobuf;

import static io.j8s.api.protobuf.ProtoWriter.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Decoder behaviour on hand-built bodies: JSON shapes kubectl never produces, and every error. */
class ProtobufDecodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String s) throws Exception { return (ObjectNode) JSON.readTree(s); }

  private static ProtoWriter meta(String name) { return new ProtoWriter().string(1, name); }

  @Test
  void badMagicIsNotAKubernetesProtobufBody() {
    for (byte[] body : new byte[][] {"{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8), new byte[0], {'k', '8', 's'}, {'k', '8', 's', 1}}) {
      assertThatThrownBy(() -> KubeProtobuf.decode(body)).isInstanceOf(ProtobufException.class)
          .hasMessageContaining("not a Kubernetes protobuf body");
    }
    assertThatThrownBy(() -> KubeProtobuf.decode(null)).hasMessageContaining("not a Kubernetes protobuf body");
  }

  @Test
  void everyTruncationOfARealBodyIsAProtobufException() {
    byte[] full = envelope("apps/v1", "Deployment", new ProtoWriter()
        .message(1, meta("web").entry(11, "app", "web"))
        .message(2, new ProtoWriter().varint(1, 3)
            .message(4, new ProtoWriter().string(1, "RollingUpdate"))));
    assertThat(KubeProtobuf.decode(full).path("spec").path("replicas").asInt()).isEqualTo(3);
    // Cutting anywhere inside a value must fail loudly; cutting between top-level fields of the
    // envelope is a shorter but valid body, and some of those still decode (that is fine).
    int failures = 0;
    for (int n = 4; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      try {
        KubeProtobuf.decode(cut);
      } catch (ProtobufException e) {
        failures++;
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThat(failures).isGreaterThan(full.length - 4 - 4);
    assertThatThrownBy(() -> KubeProtobuf.decode(Arrays.copyOf(full, full.length - 1)))
        .isInstanceOf(ProtobufException.class).hasMessage("protobuf envelope: truncated varint at byte 72");
    assertThatThrownBy(() -> KubeProtobuf.decode(Arrays.copyOf(full, 40)))
        .isInstanceOf(ProtobufException.class).hasMessageContaining("runs past the end of its message");
    // A well-framed envelope whose object is itself cut short: the error names kind and path.
    byte[] object = new ProtoWriter().message(1, meta("web"))
        .message(2, new ProtoWriter().message(4, new ProtoWriter().string(1, "RollingUpdate"))).toByteArray();
    ProtoWriter cutObject = new ProtoWriter().raw(toInts(Arrays.copyOf(object, object.length - 3)));
    assertThatThrownBy(() -> KubeProtobuf.decode(envelope("apps/v1", "Deployment", cutObject)))
        .hasMessageStartingWith("apps/v1 Deployment: length ")
        .hasMessageEndingWith("runs past the end of its message (byte 52) (in spec)");
  }

  @Test
  void unknownFieldNamesKindAndPath() {
    byte[] body = envelope("apps/v1", "Deployment", new ProtoWriter()
        .message(1, meta("web"))
        .message(2, new ProtoWriter()
            .message(3, new ProtoWriter().message(2, new ProtoWriter().varint(42, 1)))));
    assertThatThrownBy(() -> KubeProtobuf.decode(body)).isInstanceOf(ProtobufException.class)
        .hasMessage("apps/v1 Deployment: field 42 of spec.template.spec is not known to this server; "
            + "send JSON instead (kubectl ... -o json | kubectl apply -f -)");
  }

  @Test
  void unknownFieldInsideListsMapsAndAtTheTop() {
    byte[] inList = envelope("v1", "Service", new ProtoWriter()
        .message(2, new ProtoWriter().message(1, new ProtoWriter().string(1, "http"))
            .message(1, new ProtoWriter().string(99, "x"))));
    assertThatThrownBy(() -> KubeProtobuf.decode(inList))
        .hasMessageStartingWith("v1 Service: field 99 of spec.ports[1] is not known to this server");
    byte[] top = envelope("v1", "ConfigMap", new ProtoWriter().varint(9, 1));
    assertThatThrownBy(() -> KubeProtobuf.decode(top))
        .hasMessageStartingWith("v1 ConfigMap: field 9 of the object is not known to this server");
    byte[] inEntry = envelope("v1", "ConfigMap", new ProtoWriter()
        .message(2, new ProtoWriter().string(1, "k").string(3, "v")));
    assertThatThrownBy(() -> KubeProtobuf.decode(inEntry))
        .hasMessageStartingWith("v1 ConfigMap: field 3 of a map entry in data is not known");
    byte[] inQuantity = envelope("v1", "ResourceQuota", new ProtoWriter()
        .message(2, new ProtoWriter().message(1, new ProtoWriter().string(1, "cpu")
            .message(2, new ProtoWriter().string(1, "1").varint(2, 5)))));
    assertThatThrownBy(() -> KubeProtobuf.decode(inQuantity))
        .hasMessageStartingWith("v1 ResourceQuota: field 2 of Quantity in spec.hard[cpu] is not known");
  }

  @Test
  void unknownKindAndMissingTypeMeta() {
    assertThatThrownBy(() -> KubeProtobuf.decode(envelope("example.com/v1", "Widget", meta("w"))))
        .isInstanceOf(ProtobufException.class)
        .hasMessage("example.com/v1 Widget: kind is not known to this server's protobuf decoder; "
            + "send JSON instead (kubectl ... -o json | kubectl apply -f -)");
    assertThatThrownBy(() -> KubeProtobuf.decode(envelope("", "Pod", meta("p"))))
        .hasMessage("protobuf envelope (Pod): apiVersion and kind are required");
  }

  @Test
  void wireTypeMismatchesAreErrors() {
    byte[] replicasAsString = envelope("apps/v1", "Deployment", new ProtoWriter()
        .message(2, new ProtoWriter().string(1, "3")));
    assertThatThrownBy(() -> KubeProtobuf.decode(replicasAsString))
        .hasMessage("apps/v1 Deployment: spec.replicas (field 1) has wire type length-delimited, expected varint");
    byte[] metaAsVarint = envelope("v1", "Namespace", new ProtoWriter().varint(1, 7));
    assertThatThrownBy(() -> KubeProtobuf.decode(metaAsVarint))
        .hasMessage("v1 Namespace: metadata (field 1) has wire type varint, expected length-delimited");
    byte[] labelsFixed = envelope("v1", "Namespace", new ProtoWriter().message(1, new ProtoWriter().fixed32(11, 1)));
    assertThatThrownBy(() -> KubeProtobuf.decode(labelsFixed))
        .hasMessage("v1 Namespace: metadata.labels (field 11) has wire type 32-bit, expected length-delimited");
    byte[] intOrStringBad = envelope("v1", "Service", new ProtoWriter()
        .message(2, new ProtoWriter().message(1, new ProtoWriter().message(4, new ProtoWriter().string(2, "x")))));
    assertThatThrownBy(() -> KubeProtobuf.decode(intOrStringBad))
        .hasMessage("v1 Service: IntOrString.intVal in spec.ports[0].targetPort has wire type length-delimited, expected varint");
  }

  @Test
  void envelopeProblems() {
    byte[] gzip = withEnvelopeField(3, "gzip");
    assertThatThrownBy(() -> KubeProtobuf.decode(gzip)).hasMessage("v1 Namespace: content encoding \"gzip\" is not supported");
    byte[] jsonInside = withEnvelopeField(4, "application/json");
    assertThatThrownBy(() -> KubeProtobuf.decode(jsonInside)).hasMessageContaining("embedded content type \"application/json\"");
    byte[] extra = withEnvelopeField(5, "x");
    assertThatThrownBy(() -> KubeProtobuf.decode(extra)).hasMessage("protobuf envelope: field 5 of runtime.Unknown is not known to this server");
  }

  private static int[] toInts(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xFF;
    return out;
  }

  private static byte[] withEnvelopeField(int field, String value) {
    byte[] base = envelope("v1", "Namespace", meta("n"));
    byte[] add = new ProtoWriter().string(field, value).toByteArray();
    byte[] out = Arrays.copyOf(base, base.length + add.length);
    System.arraycopy(add, 0, out, base.length, add.length);
    return out;
  }

  @Test
  void scalarsOmitEmptyAndPointers() throws Exception {
    ObjectNode d = KubeProtobuf.decode(envelope("apps/v1", "Deployment", new ProtoWriter()
        .message(1, meta("web").string(3, "").varint(7, 0).varint(10, 0)
            .message(8, new ProtoWriter()) // zero creationTimestamp: absent in JSON
            .message(9, new ProtoWriter().varint(1, 1767323045)))
        .message(2, new ProtoWriter()
            .varint(1, 0) // *int32 replicas = 0 is kept
            .message(2, new ProtoWriter()
                .message(2, new ProtoWriter().string(1, "tier").string(2, "In").string(3, "a").string(3, "b")))
            .message(4, new ProtoWriter().string(1, "RollingUpdate").message(2, new ProtoWriter()
                .message(1, new ProtoWriter().varint(1, 1).string(3, "25%"))
                .message(2, new ProtoWriter().varint(1, 0).varint(2, 2))))
            .varint(5, 0) // minReadySeconds (omitempty int32) = 0 is dropped
            .varint(6, 0xFFFFFFFFFFFFFFFFL) // *int32 -1, sign-extended
            .varint(7, 1)
            .varint(9, 600))
        .message(3, new ProtoWriter().varint(1, 5_000_000_000L).varint(2, 0))));
    assertThat(d).isEqualTo(json("""
        {"kind":"Deployment","apiVersion":"apps/v1",
         "metadata":{"name":"web","deletionTimestamp":"2026-01-02T03:04:05Z","deletionGracePeriodSeconds":0},
         "spec":{"replicas":0,
                 "selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":2}},
                 "revisionHistoryLimit":-1,"paused":true,"progressDeadlineSeconds":600},
         "status":{"observedGeneration":5000000000}}
        """));
    assertThat(d.path("status").path("observedGeneration").isLong()).isTrue();
  }

  @Test
  void secretBytesAndQuantityMapsAndTimes() throws Exception {
    ObjectNode s = KubeProtobuf.decode(envelope("v1", "Secret", new ProtoWriter()
        .message(1, meta("s"))
        .message(2, new ProtoWriter().string(1, "bin").bytes(2, new byte[] {(byte) 0xff, 0, 0x10}))
        .message(2, new ProtoWriter().string(1, "empty")) // entry without a value: the zero value
        .string(3, "Opaque")
        .varint(5, 0)));
    assertThat(s).isEqualTo(json("""
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},
         "data":{"bin":"/wAQ","empty":""},"type":"Opaque","immutable":false}
        """));
    long t = Instant.parse("2026-01-02T03:04:05Z").getEpochSecond();
    ObjectNode ns = KubeProtobuf.decode(envelope("v1", "Namespace", new ProtoWriter()
        .message(1, meta("n").message(8, new ProtoWriter().varint(1, t).varint(2, 999_000_000))
            .message(13, new ProtoWriter().string(1, "Deployment").string(3, "d").string(4, "u1").string(5, "apps/v1").varint(6, 1))
            .string(14, "kubernetes"))
        .message(3, new ProtoWriter().string(1, "Terminating")
            .message(2, new ProtoWriter().string(1, "NamespaceDeletionContentFailure").string(2, "False")
                .message(4, new ProtoWriter().varint(1, t))))));
    assertThat(ns).isEqualTo(json("""
        {"kind":"Namespace","apiVersion":"v1",
         "metadata":{"name":"n","creationTimestamp":"2026-01-02T03:04:05Z",
           "ownerReferences":[{"kind":"Deployment","name":"d","uid":"u1","apiVersion":"apps/v1","controller":true}],
           "finalizers":["kubernetes"]},
         "status":{"phase":"Terminating","conditions":[
           {"type":"NamespaceDeletionContentFailure","status":"False","lastTransitionTime":"2026-01-02T03:04:05Z"}]}}
        """));
  }

  /** Empty Time = Go's zero time (omitted); {seconds 0, nanos 0} is the Unix epoch; nanos are dropped. */
  @Test
  void timesFollowGo() throws Exception {
    ObjectNode ns = KubeProtobuf.decode(envelope("v1", "Namespace", new ProtoWriter()
        .message(1, meta("n")
            .message(8, new ProtoWriter().varint(1, 0).varint(2, 0))
            .message(9, new ProtoWriter().varint(1, -62135596800L).varint(2, 5)))));
    assertThat(ns.path("metadata")).isEqualTo(json("""
        {"name":"n","creationTimestamp":"1970-01-01T00:00:00Z","deletionTimestamp":"0001-01-01T00:00:00Z"}
        """));
    byte[] bad = envelope("v1", "Namespace", new ProtoWriter().message(1, meta("n").message(8, new ProtoWriter().string(3, "x"))));
    assertThatThrownBy(() -> KubeProtobuf.decode(bad))
        .hasMessageStartingWith("v1 Namespace: field 3 of Time in metadata.creationTimestamp is not known to this server");
  }

  @Test
  void packedAndUnpackedRepeatedNumbersAndManagedFields() throws Exception {
    ProtoWriter packed = new ProtoWriter().rawVarint(4000).rawVarint(4001);
    ObjectNode pod = KubeProtobuf.decode(envelope("v1", "Pod", new ProtoWriter()
        .message(1, meta("p").message(17, new ProtoWriter().string(1, "kubectl").string(2, "Update")
            .string(6, "FieldsV1").message(7, new ProtoWriter().string(1, "{\"f:metadata\":{}}"))))
        .message(2, new ProtoWriter()
            .message(14, new ProtoWriter().bytes(4, packed.toByteArray()).varint(4, 4002)))));
    assertThat(pod.path("spec").path("securityContext").path("supplementalGroups").toString())
        .isEqualTo("[4000,4001,4002]");
    assertThat(pod.path("metadata").path("managedFields").get(0).path("fieldsV1").toString())
        .isEqualTo("{\"f:metadata\":{}}");
  }

  @Test
  void inlineStructsLandInTheirParent() throws Exception {
    ObjectNode pod = KubeProtobuf.decode(envelope("v1", "Pod", new ProtoWriter()
        .message(2, new ProtoWriter()
            .message(1, new ProtoWriter().string(1, "cache").message(2, new ProtoWriter().message(2, new ProtoWriter())))
            .message(2, new ProtoWriter().string(1, "c")
                .message(10, new ProtoWriter().message(1, new ProtoWriter().message(3, new ProtoWriter()
                    .message(1, new ProtoWriter().varint(1, 0).varint(2, 6379)))).varint(4, 5))))));
    assertThat(pod.path("spec")).isEqualTo(json("""
        {"volumes":[{"name":"cache","emptyDir":{}}],
         "containers":[{"name":"c","livenessProbe":{"tcpSocket":{"port":6379},"periodSeconds":5}}]}
        """));
  }
}
