package dev.rdmaforge.kernel.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The name the kernel makes up for a certificate's subject or issuer ({@code x509_fabricate_name}):
 * the last commonName, organizationName and emailAddress values, combined as {@code "O: CN"} unless
 * the CN starts with the O (or with its first 7 characters), else the CN, the O or the email alone.
 * The values are the raw string bytes (the kernel ignores the string type and stores each size in a
 * byte, so a value of 256 bytes or more is cut to its size modulo 256).
 */
final class KernelNames {
  private KernelNames() {}

  static String fabricate(byte[] der, Der.Tlv name) throws Der.DerException {
    byte[] cn = null;
    byte[] o = null;
    byte[] email = null;
    for (Der.Tlv rdn : Der.children(der, name)) {
      for (Der.Tlv attribute : Der.children(der, rdn)) {
        java.util.List<Der.Tlv> fields = Der.children(der, attribute);
        if (fields.size() < 2) {
          throw new Der.DerException(attribute.start(), "name attribute without a value");
        }
        String oid = Der.oid(der, fields.get(0));
        Der.Tlv value = fields.get(1);
        byte[] bytes = Arrays.copyOfRange(der, value.contentStart(),
            value.contentStart() + (value.contentLength() & 0xff));
        if (KernelAlgorithms.COMMON_NAME.equals(oid)) {
          cn = bytes;
        } else if (KernelAlgorithms.ORGANIZATION.equals(oid)) {
          o = bytes;
        } else if (KernelAlgorithms.EMAIL_ADDRESS.equals(oid)) {
          email = bytes;
        }
      }
    }
    return text(combine(cn, o, email));
  }

  private static byte[] combine(byte[] cn, byte[] o, byte[] email) {
    boolean hasCn = cn != null && cn.length > 0;
    boolean hasO = o != null && o.length > 0;
    if (hasCn && hasO) {
      if (cn.length >= o.length && Arrays.equals(cn, 0, o.length, o, 0, o.length)) {
        return cn;
      }
      if (cn.length >= 7 && o.length >= 7 && Arrays.equals(cn, 0, 7, o, 0, 7)) {
        return cn;
      }
      byte[] both = Arrays.copyOf(o, o.length + 2 + cn.length);
      both[o.length] = ':';
      both[o.length + 1] = ' ';
      System.arraycopy(cn, 0, both, o.length + 2, cn.length);
      return both;
    }
    if (hasCn) {
      return cn;
    }
    if (hasO) {
      return o;
    }
    return email == null ? new byte[0] : email;
  }

  /** The bytes up to the first NUL (the kernel keeps C strings), decoded as UTF-8. */
  private static String text(byte[] raw) {
    int length = 0;
    while (length < raw.length && raw[length] != 0) {
      length++;
    }
    return new String(raw, 0, length, StandardCharsets.UTF_8);
  }
}
