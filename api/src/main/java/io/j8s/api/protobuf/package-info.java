/**
 * Decoding of {@code application/vnd.kubernetes.protobuf} request bodies into the JSON objects the
 * rest of j8s works with. kubectl's typed clients (every {@code kubectl create <generator>},
 * {@code create job --from}, {@code debug --copy-to}, {@code autoscale}, {@code create token}) POST
 * protobuf, not JSON; {@link io.j8s.api.protobuf.KubeProtobuf#decode} is the one entry point.
 *
 * <p>This package owns: the wire reader ({@code WireReader}), the schema table mapping field numbers
 * to JSON names per message ({@code MessageType}, the {@code *Schema} classes, {@code Kinds}), and
 * the decoder that applies Go's JSON conventions (omitempty, pointers, inline structs, Quantity,
 * IntOrString, Time, base64 bytes). Anything not in the table is refused with a
 * {@link io.j8s.api.protobuf.ProtobufException} naming kind and field path; data is never dropped.
 * It does not encode protobuf responses.
 *
 * <p>Where the numbers come from: the Go struct tags ({@code json:"..." protobuf:"bytes,N,..."})
 * compiled into the kubectl 1.32 binary, read through its Go type metadata with
 * {@code scripts/kubectl-struct-tags.py} (no upstream sources or .proto files
 * were used), then checked by {@code ProtobufKubectlRoundTripTest}, which decodes what the real
 * kubectl sends and compares it with what {@code --dry-run=client -o json} prints.
 */
package io.j8s.api.protobuf;
