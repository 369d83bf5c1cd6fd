package dev.rdmaforge.depmod;

import java.nio.charset.StandardCharsets;

/**
 * kmod works on bytes, not characters. rdmaforge keeps names and paths as Java strings holding one
 * char per byte (ISO-8859-1), so that every comparison and every byte written matches kmod's.
 */
public final class Bytes {
  private Bytes() {}

  /** The bytes of a string that holds one char per byte. */
  public static byte[] of(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** C's strcmp: unsigned byte order. With one char per byte this is plain char order. */
  public static int strcmp(String a, String b) {
    return a.compareTo(b);
  }
}
