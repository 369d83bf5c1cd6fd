package dev.rdmaforge.kernel.keys;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_512Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Computes the kernel's hashes by name: SHA-1 and SHA-2 with the JDK (which uses the CPU's SHA
 * instructions), SM3 and Streebog with Bouncy Castle.
 */
final class ContentDigests {
  private static final int CHUNK = 1 << 16;

  private ContentDigests() {}

  /** The digest of {@code length} bytes of {@code data} from {@code offset}, or null if unknown. */
  static byte[] digest(String kernelHash, ByteBuffer data, int offset, int length) {
    ByteBuffer slice = data.duplicate();
    slice.limit(offset + length).position(offset);
    String jca = KernelAlgorithms.jcaDigest(kernelHash).orElse(null);
    if (jca != null) {
      try {
        MessageDigest digest = MessageDigest.getInstance(jca);
        if (slice.hasArray()) {
          digest.update(slice.array(), slice.arrayOffset() + offset, length);
        } else {
          digest.update(slice);
        }
        return digest.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK lacks " + jca, e);
      }
    }
    Digest digest = lightweight(kernelHash);
    if (digest == null) {
      return null;
    }
    byte[] chunk = new byte[Math.min(CHUNK, Math.max(length, 1))];
    while (slice.hasRemaining()) {
      int n = Math.min(chunk.length, slice.remaining());
      slice.get(chunk, 0, n);
      digest.update(chunk, 0, n);
    }
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  static byte[] digest(String kernelHash, byte[] data) {
    return digest(kernelHash, ByteBuffer.wrap(data), 0, data.length);
  }

  private static Digest lightweight(String kernelHash) {
    switch (kernelHash) {
      case "sm3":
        return new SM3Digest();
      case "streebog256":
        return new GOST3411_2012_256Digest();
      case "streebog512":
        return new GOST3411_2012_512Digest();
      default:
        return null;
    }
  }
}
