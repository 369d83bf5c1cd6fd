package dev.rdmaforge.kernel.keys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The X.509 certificates a kernel image loads into its builtin trusted keyring at boot: the {@code
 * system_certificate_list} of {@code certs/system_certificates.S} (the build's signing key, then
 * {@code CONFIG_SYSTEM_TRUSTED_KEYS}), DER certificates back to back.
 *
 * <p>The list is found by its layout rather than by symbol (vmlinuz carries no symbol table): a run
 * of DER certificates followed, after the optional {@code system_extra_cert} area, by the 8-aligned
 * quads {@code system_certificate_list_size} (the run's length) and {@code module_cert_size} (the
 * signing key's length, or 0). The list is then cut into certificates exactly as {@code
 * load_system_certificate_list} does. When no such marker is found (a 32-bit kernel, another
 * layout) every well-formed DER certificate in the image is taken instead, duplicates dropped, and
 * {@link #method()} says so.
 */
public final class EmbeddedCertificates {
  /** How far past the list the size quads may sit (the extra-certificate area is 4 KiB). */
  private static final int MARKER_SEARCH = 64 * 1024 + 16;
  /** A DER certificate with a two-byte length is at least 0x80 bytes; real ones are 0.4-2 KiB. */
  private static final int MIN_CERTIFICATE = 0x80;

  /** How the certificates were found. */
  public enum Method {
    /** The list and its length quads were found: exactly what the kernel loads. */
    SIZE_MARKER,
    /** No length marker: every DER certificate found anywhere in the image (less certain). */
    SCAN
  }

  /**
   * One certificate as it sits in the decompressed image.
   *
   * @param offset its byte offset in the decompressed image
   * @param der its bytes (as the kernel cuts them, which may not be a valid certificate)
   */
  public record Blob(long offset, byte[] der) {
    /** Copies the bytes. */
    public Blob {
      der = der.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] der() {
      return der.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Blob that && offset == that.offset && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(offset) * 31 + Arrays.hashCode(der);
    }

    @Override
    public String toString() {
      return "Blob[offset=0x" + Long.toHexString(offset) + ", " + der.length + " bytes]";
    }
  }

  private final Path source;
  private final Method method;
  private final long listOffset;
  private final long listLength;
  private final List<Blob> blobs;

  private EmbeddedCertificates(Path source, Method method, long listOffset, long listLength,
      List<Blob> blobs) {
    this.source = source;
    this.method = method;
    this.listOffset = listOffset;
    this.listLength = listLength;
    this.blobs = List.copyOf(blobs);
  }

  /**
   * Rebuilds a result from its parts (for a cache of them).
   *
   * @param source the kernel image the certificates came from
   */
  public static EmbeddedCertificates of(Path source, Method method, long listOffset,
      long listLength, List<Blob> blobs) {
    return new EmbeddedCertificates(Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(method, "method"), listOffset, listLength, blobs);
  }

  /** Finds the certificates in a decompressed kernel image. */
  public static EmbeddedCertificates find(KernelImage image) {
    byte[] data = image.raw();
    TreeMap<Integer, Integer> certificates = candidates(data);
    for (Map.Entry<Integer, Integer> certificate : certificates.entrySet()) {
      int start = certificate.getKey();
      long length = listLengthAt(data, start, certificate.getValue());
      if (length >= 0) {
        return new EmbeddedCertificates(image.file(), Method.SIZE_MARKER, start, length,
            cutLikeTheKernel(data, start, (int) length));
      }
    }
    List<Blob> blobs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    certificates.forEach((start, end) -> {
      byte[] der = Arrays.copyOfRange(data, start, end);
      if (seen.add(Hex.lower(der))) {
        blobs.add(new Blob(start, der));
      }
    });
    return new EmbeddedCertificates(image.file(), Method.SCAN, -1, -1, blobs);
  }

  /**
   * Every offset where a plausible DER certificate starts (SEQUENCE with a two-byte length,
   * holding exactly a SEQUENCE, an AlgorithmIdentifier SEQUENCE and a BIT STRING), to its end.
   */
  private static TreeMap<Integer, Integer> candidates(byte[] data) {
    TreeMap<Integer, Integer> found = new TreeMap<>();
    int last = data.length - MIN_CERTIFICATE;
    for (int i = 0; i < last; i++) {
      if (data[i] != 0x30 || data[i + 1] != (byte) 0x82 || data[i + 4] != 0x30) {
        continue;
      }
      int end = i + 4 + ((data[i + 2] & 0xff) << 8 | (data[i + 3] & 0xff));
      if (end - i < MIN_CERTIFICATE || end > data.length) {
        continue;
      }
      if (looksLikeCertificate(data, i, end)) {
        found.put(i, end);
      }
    }
    return found;
  }

  private static boolean looksLikeCertificate(byte[] data, int start, int end) {
    try {
      Der.Tlv outer = Der.read(data, start, end);
      List<Der.Tlv> parts = Der.children(data, outer);
      return outer.end() == end && parts.size() == 3 && parts.get(0).tag() == Der.SEQUENCE
          && parts.get(1).tag() == Der.SEQUENCE && parts.get(2).tag() == Der.BIT_STRING;
    } catch (Der.DerException e) {
      return false;
    }
  }

  /**
   * The list length when a run of entries starting with the certificate at {@code start} is
   * followed by the {@code system_certificate_list_size} and {@code module_cert_size} quads, else
   * -1. After the first certificate an entry only needs the kernel's framing ({@code 30 82} and a
   * length): a damaged certificate inside the list is still part of it (the kernel logs "Problem
   * loading in-kernel X.509 certificate" for it and goes on).
   */
  private static long listLengthAt(byte[] data, int start, int firstEnd) {
    List<Long> prefixes = new ArrayList<>();
    int end = firstEnd;
    prefixes.add((long) (end - start));
    while (end + 4 <= data.length && data[end] == 0x30 && data[end + 1] == (byte) 0x82) {
      int next = end + 4 + ((data[end + 2] & 0xff) << 8 | (data[end + 3] & 0xff));
      if (next > data.length) {
        break;
      }
      end = next;
      prefixes.add((long) (end - start));
    }
    int from = (end + 7) & ~7;
    int to = (int) Math.min(data.length - 16L, (long) end + MARKER_SEARCH);
    for (int q = from; q <= to; q += 8) {
      long size = u64(data, q);
      if (size > 0 && prefixes.contains(size) && start + size <= q) {
        long moduleCert = u64(data, q + 8);
        if (moduleCert == 0 || (prefixes.contains(moduleCert) && moduleCert <= size)) {
          return size;
        }
      }
    }
    return -1;
  }

  /**
   * {@code load_system_certificate_list}: each entry is {@code (p[2] << 8 | p[3]) + 4} bytes long.
   * (The kernel stops at an entry whose first two bytes are both wrong, {@code p[0] != 0x30 &&
   * p[1] != 0x82}; a list found by its length quads never has one.)
   */
  private static List<Blob> cutLikeTheKernel(byte[] data, int start, int length) {
    List<Blob> blobs = new ArrayList<>();
    int p = start;
    int end = start + length;
    while (end - p >= 4 && (data[p] == 0x30 || data[p + 1] == (byte) 0x82)) {
      int plen = ((data[p + 2] & 0xff) << 8 | (data[p + 3] & 0xff)) + 4;
      if (plen > end - p) {
        break;
      }
      blobs.add(new Blob(p, Arrays.copyOfRange(data, p, p + plen)));
      p += plen;
    }
    return blobs;
  }

  private static long u64(byte[] data, int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (data[offset + i] & 0xff);
    }
    return value;
  }

  /** The kernel image the certificates came from. */
  public Path source() {
    return source;
  }

  /** How they were found. */
  public Method method() {
    return method;
  }

  /** Where {@code system_certificate_list} starts in the image, or -1 ({@link Method#SCAN}). */
  public long listOffset() {
    return listOffset;
  }

  /** {@code system_certificate_list_size}, or -1 ({@link Method#SCAN}). */
  public long listLength() {
    return listLength;
  }

  /** The certificates in list order. */
  public List<Blob> blobs() {
    return blobs;
  }

  @Override
  public String toString() {
    return "EmbeddedCertificates[" + source + ", " + method + ", " + blobs.size()
        + " certificates at 0x" + Long.toHexString(listOffset) + "]";
  }
}
