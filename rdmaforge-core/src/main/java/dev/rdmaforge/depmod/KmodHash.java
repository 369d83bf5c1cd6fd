package dev.rdmaforge.depmod;

import java.util.Comparator;

/**
 * The iteration order of kmod's internal hash table (shared/hash.c).
 *
 * <p>depmod writes modules.symbols by walking its symbol hash, and orders modules that are not in
 * modules.order by walking its module-name hash, so byte-identical output needs the same order. kmod's
 * table never resizes: a key lives in bucket {@code superfast(key) & (buckets - 1)}, and each bucket
 * keeps its keys sorted with strcmp. Iteration walks the buckets in index order. The order is
 * therefore a pure function of the key and the bucket count, which this class computes.
 */
public final class KmodHash {
  /** Bucket count of depmod's module-name table ({@code hash_new(512, ...)}). */
  public static final int MODULE_BUCKETS = 512;

  /** Bucket count of depmod's symbol table ({@code hash_new(2048, ...)}). */
  public static final int SYMBOL_BUCKETS = 2048;

  private KmodHash() {}

  /**
   * Paul Hsieh's SuperFastHash as kmod computes it on x86-64: 16-bit loads are little-endian and
   * single bytes are signed {@code char}s.
   */
  public static int superFastHash(byte[] key) {
    int len = key.length;
    int hash = len;
    int rem = len & 3;
    int p = 0;
    for (int blocks = len >>> 2; blocks > 0; blocks--) {
      hash += u16(key, p);
      int tmp = (u16(key, p + 2) << 11) ^ hash;
      hash = (hash << 16) ^ tmp;
      p += 4;
      hash += hash >>> 11;
    }
    switch (rem) {
      case 3:
        hash += u16(key, p);
        hash ^= hash << 16;
        hash ^= key[p + 2] << 18; // signed char, as on x86
        hash += hash >>> 11;
        break;
      case 2:
        hash += u16(key, p);
        hash ^= hash << 11;
        hash += hash >>> 17;
        break;
      case 1:
        hash += key[p]; // signed char, as on x86
        hash ^= hash << 10;
        hash += hash >>> 1;
        break;
      default:
        break;
    }
    hash ^= hash << 3;
    hash += hash >>> 5;
    hash ^= hash << 4;
    hash += hash >>> 17;
    hash ^= hash << 25;
    hash += hash >>> 6;
    return hash;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
  }

  /** The bucket a key falls in, for a table of {@code buckets} (a power of two). */
  public static int bucket(String key, int buckets) {
    return superFastHash(Bytes.of(key)) & (buckets - 1);
  }

  /** Orders keys as kmod's hash iteration visits them: by bucket, then by strcmp. */
  public static Comparator<String> iterationOrder(int buckets) {
    return Comparator.<String>comparingInt(k -> bucket(k, buckets)).thenComparing(Bytes::strcmp);
  }
}
