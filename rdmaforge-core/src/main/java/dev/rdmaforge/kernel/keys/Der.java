package dev.rdmaforge.kernel.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads BER/DER tag-length-value elements the way the kernel's ASN.1 decoder ({@code
 * lib/asn1_decoder.c}) delimits them: one-byte tags only (high tag numbers are refused), definite
 * lengths of up to four bytes, and indefinite lengths on constructed elements. The kernel compares
 * raw field bytes (issuer, serial, key ids), so fields are taken from the original encoding, never
 * from a re-encoding.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  private static final int CONSTRUCTED = 0x20;
  private static final int LONG_TAG = 0x1f;

  private Der() {}

  /** A malformed element: the kernel's decoder fails with {@code EBADMSG}. */
  static final class DerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    DerException(int offset, String message) {
      super(message);
      this.offset = offset;
    }

    /** Where in the decoded bytes the problem is. */
    int offset() {
      return offset;
    }
  }

  /**
   * One element.
   *
   * @param tag the identifier octet
   * @param start offset of the identifier octet
   * @param contentStart offset of the first content octet
   * @param contentEnd offset just past the content (before the end-of-contents octets of an
   *     indefinite length)
   * @param end offset just past the whole element
   */
  record Tlv(int tag, int start, int contentStart, int contentEnd, int end) {
    int contentLength() {
      return contentEnd - contentStart;
    }

    int headerLength() {
      return contentStart - start;
    }

    boolean constructed() {
      return (tag & CONSTRUCTED) != 0;
    }

    byte[] content(byte[] data) {
      return Arrays.copyOfRange(data, contentStart, contentEnd);
    }

    byte[] encoded(byte[] data) {
      return Arrays.copyOfRange(data, start, end);
    }
  }

  /** The element starting at {@code offset}, which must end at or before {@code limit}. */
  static Tlv read(byte[] data, int offset, int limit) throws DerException {
    if (offset + 2 > limit) {
      throw new DerException(offset, "element header runs past the end of its container");
    }
    int tag = data[offset] & 0xff;
    if ((tag & LONG_TAG) == LONG_TAG) {
      throw new DerException(offset, "long-form tags are not supported");
    }
    int at = offset + 1;
    int first = data[at++] & 0xff;
    if (first == 0x80) {
      if ((tag & CONSTRUCTED) == 0) {
        throw new DerException(offset, "indefinite length on a primitive element");
      }
      int cursor = at;
      while (true) {
        if (cursor + 2 > limit) {
          throw new DerException(offset, "indefinite-length element has no end-of-contents");
        }
        if (data[cursor] == 0 && data[cursor + 1] == 0) {
          return new Tlv(tag, offset, at, cursor, cursor + 2);
        }
        cursor = read(data, cursor, limit).end();
      }
    }
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int count = first & 0x7f;
      if (count > 4 || at + count > limit) {
        throw new DerException(offset, "length field of " + count + " bytes");
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (data[at++] & 0xff);
      }
    }
    if (length > limit - at) {
      throw new DerException(offset, "element of " + length + " bytes runs past the end of its"
          + " container (" + (limit - at) + " bytes left)");
    }
    return new Tlv(tag, offset, at, at + (int) length, at + (int) length);
  }

  /** The elements inside a constructed element, in order. */
  static List<Tlv> children(byte[] data, Tlv parent) throws DerException {
    if (!parent.constructed()) {
      throw new DerException(parent.start(), "expected a constructed element, found tag 0x"
          + Integer.toHexString(parent.tag()));
    }
    List<Tlv> children = new ArrayList<>();
    int at = parent.contentStart();
    while (at < parent.contentEnd()) {
      Tlv child = read(data, at, parent.contentEnd());
      children.add(child);
      at = child.end();
    }
    return children;
  }

  /** The single element of a whole buffer; trailing bytes are an error. */
  static Tlv whole(byte[] data) throws DerException {
    Tlv top = read(data, 0, data.length);
    if (top.end() != data.length) {
      throw new DerException(top.end(), (data.length - top.end()) + " bytes after the element");
    }
    return top;
  }

  /** Requires {@code tlv} to carry {@code tag}. */
  static Tlv expect(Tlv tlv, int tag, String what) throws DerException {
    if (tlv.tag() != tag) {
      throw new DerException(tlv.start(), what + ": expected tag 0x" + Integer.toHexString(tag)
          + ", found 0x" + Integer.toHexString(tlv.tag()));
    }
    return tlv;
  }

  /** The dotted form of an OBJECT IDENTIFIER, e.g. {@code 1.2.840.113549.1.7.2}. */
  static String oid(byte[] data, Tlv tlv) throws DerException {
    expect(tlv, OID, "object identifier");
    if (tlv.contentLength() == 0) {
      throw new DerException(tlv.start(), "empty object identifier");
    }
    StringBuilder text = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (int i = tlv.contentStart(); i < tlv.contentEnd(); i++) {
      int b = data[i] & 0xff;
      if (value > (Long.MAX_VALUE >> 7)) {
        throw new DerException(tlv.start(), "object identifier component too large");
      }
      value = (value << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        if (first) {
          int arc = value < 40 ? 0 : value < 80 ? 1 : 2;
          text.append(arc).append('.').append(value - 40L * arc);
          first = false;
        } else {
          text.append('.').append(value);
        }
        value = 0;
      }
    }
    if ((data[tlv.contentEnd() - 1] & 0x80) != 0) {
      throw new DerException(tlv.start(), "truncated object identifier");
    }
    return text.toString();
  }
}
