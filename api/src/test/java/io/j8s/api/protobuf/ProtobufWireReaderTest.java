package io.j8s.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtobufWireReaderTest {
  private static WireReader reader(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
    return new WireReader(b, 0, b.length, "test");
  }

  private static WireReader reader(ProtoWriter w) {
    byte[] b = w.toByteArray();
    return new WireReader(b, 0, b.length, "test");
  }

  @Test
  void varintsOfOneToTenBytes() {
    assertThat(reader(0x00).readVarint()).isZero();
    assertThat(reader(0x01).readVarint()).isEqualTo(1);
    assertThat(reader(0x7f).readVarint()).isEqualTo(127);
    assertThat(reader(0x80, 0x01).readVarint()).isEqualTo(128);
    assertThat(reader(0xac, 0x02).readVarint()).isEqualTo(300);
    assertThat(reader(0xff, 0xff, 0xff, 0xff, 0x07).readVarint()).isEqualTo(Integer.MAX_VALUE);
    // -1 as a Go int32/int64 is sign-extended to ten bytes.
    assertThat(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarint()).isEqualTo(-1L);
    assertThat(reader(new ProtoWriter().rawVarint(Long.MIN_VALUE)).readVarint()).isEqualTo(Long.MIN_VALUE);
    assertThat(reader(new ProtoWriter().rawVarint(Long.MAX_VALUE)).readVarint()).isEqualTo(Long.MAX_VALUE);
    // Non-minimal encodings are legal: 1 padded with a continuation byte.
    assertThat(reader(0x81, 0x00).readVarint()).isEqualTo(1);
  }

  @Test
  void varintsThatOverflowOrRunOutAreErrors() {
    assertThatThrownBy(() -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).readVarint())
        .isInstanceOf(ProtobufException.class).hasMessageContaining("overflows 64 bits");
    assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).readVarint())
        .isInstanceOf(ProtobufException.class).hasMessageContaining("varint");
    assertThatThrownBy(() -> reader(0x80, 0x80).readVarint())
        .isInstanceOf(ProtobufException.class).hasMessage("test: truncated varint at byte 0");
    assertThatThrownBy(() -> reader().readVarint()).isInstanceOf(ProtobufException.class);
  }

  @Test
  void fixedWidthValuesAreLittleEndian() {
    WireReader r = reader(new ProtoWriter().fixed64(1, 0x0102030405060708L).fixed32(2, 0xCAFEBABE));
    assertThat(r.readTag()).isEqualTo(1 << 3 | WireReader.FIXED64);
    assertThat(r.readFixed64()).isEqualTo(0x0102030405060708L);
    assertThat(r.readTag()).isEqualTo(2 << 3 | WireReader.FIXED32);
    assertThat(r.readFixed32()).isEqualTo(0xCAFEBABE);
    assertThat(r.atEnd()).isTrue();
    assertThatThrownBy(() -> reader(1, 2, 3, 4, 5, 6, 7).readFixed64())
        .isInstanceOf(ProtobufException.class).hasMessageContaining("truncated 64-bit value");
    assertThatThrownBy(() -> reader(1, 2, 3).readFixed32())
        .isInstanceOf(ProtobufException.class).hasMessageContaining("truncated 32-bit value");
  }

  @Test
  void lengthDelimitedSlicesAndStrings() {
    WireReader r = reader(new ProtoWriter().string(3, "héllo").varint(4, 9));
    assertThat(r.readTag()).isEqualTo(3 << 3 | WireReader.LEN);
    assertThat(r.readString()).isEqualTo("héllo");
    assertThat(r.readTag() >>> 3).isEqualTo(4);
    assertThat(r.readVarint()).isEqualTo(9);
    // A nested reader stops at its own end even though the array goes on.
    WireReader outer = reader(0x0a, 0x02, 0x08, 0x05, 0x10, 0x07);
    outer.readTag();
    WireReader inner = outer.readLengthDelimited();
    assertThat(inner.readTag()).isEqualTo(1 << 3);
    assertThat(inner.readVarint()).isEqualTo(5);
    assertThat(inner.atEnd()).isTrue();
    assertThat(outer.readTag()).isEqualTo(2 << 3);
  }

  @Test
  void lengthPastTheEndIsAnError() {
    WireReader r = reader(0x0a, 0x05, 'a', 'b');
    r.readTag();
    assertThatThrownBy(r::readString).isInstanceOf(ProtobufException.class)
        .hasMessageContaining("length 5 at byte 1 runs past the end");
    // A huge length must not wrap around into a negative int.
    WireReader huge = reader(new ProtoWriter().tag(1, 2).rawVarint(0xFFFFFFFFFL));
    huge.readTag();
    assertThatThrownBy(huge::readLengthDelimited).isInstanceOf(ProtobufException.class);
  }

  @Test
  void groupsUnknownWireTypesAndFieldZeroAreRejected() {
    assertThatThrownBy(() -> reader(0x0b).readTag()).hasMessageContaining("unsupported wire type 3");
    assertThatThrownBy(() -> reader(0x0c).readTag()).hasMessageContaining("unsupported wire type 4");
    assertThatThrownBy(() -> reader(0x0e).readTag()).hasMessageContaining("unsupported wire type 6");
    assertThatThrownBy(() -> reader(0x0f).readTag()).hasMessageContaining("unsupported wire type 7");
    assertThatThrownBy(() -> reader(0x02, 0x00).readTag()).hasMessageContaining("invalid field number 0");
  }

  @Test
  void skipsEveryWireType() {
    WireReader r = reader(new ProtoWriter().varint(1, 300).fixed64(2, 1).string(3, "xyz").fixed32(4, 2).varint(5, 6));
    for (int i = 0; i < 4; i++) r.skip(r.readTag() & 7);
    assertThat(r.readTag() >>> 3).isEqualTo(5);
    assertThat(r.readVarint()).isEqualTo(6);
  }

  @Test
  void errorsNameTheFieldPathBeingRead() {
    WireReader r = reader(0x80);
    r.where = "spec.replicas";
    assertThatThrownBy(r::readVarint).hasMessage("test: truncated varint at byte 0 (in spec.replicas)");
  }
}
