package dev.rdmaforge.kernel.keys;

import dev.rdmaforge.depmod.ModuleDataCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers signature checks that succeeded, so that checking the same module against the same key
 * again costs a SHA-256 of a few hundred bytes instead of an RSA operation (0.2-0.9 ms for the
 * 4096-bit keys Debian builds with; 4,000 modules per {@code check --all}). An entry is the
 * SHA-256 of the public key, the hash name, the digest and the signature: a hit means exactly
 * this mathematical check was done before. Failed checks are never stored.
 *
 * <p>Thread-safe. The file form is the 32-byte entries back to back after an 8-byte header; it is
 * written through a temporary file and an atomic move, and a damaged file is ignored (started
 * afresh).
 */
public final class VerifiedSignatures {
  private static final byte[] HEADER = "RFVS0001".getBytes(StandardCharsets.US_ASCII);
  private static final int ENTRY = 32;

  private final Path file;
  private final Set<ByteBuffer> entries = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean changed = new AtomicBoolean();
  private volatile boolean loaded = true; // false until an opened file has been read

  private VerifiedSignatures(Path file) {
    this.file = file;
  }

  /**
   * The default file, next to the module cache: {@code
   * $XDG_CACHE_HOME/rdmaforge/verified-signatures-v1.bin} or {@code
   * ~/.cache/rdmaforge/verified-signatures-v1.bin}.
   */
  public static Path defaultFile() {
    return ModuleDataCache.defaultFile().resolveSibling("verified-signatures-v1.bin");
  }

  /** A cache that lives as long as this object. */
  public static VerifiedSignatures inMemory() {
    return new VerifiedSignatures(null);
  }

  /**
   * A cache kept in {@code file} (e.g. {@code ~/.cache/rdmaforge/verified-signatures-v1.bin}):
   * read when first consulted (a run whose verdicts are all remembered elsewhere never reads it),
   * written by {@link #save()}.
   */
  public static VerifiedSignatures open(Path file) {
    VerifiedSignatures cache = new VerifiedSignatures(file);
    cache.loaded = false;
    return cache;
  }

  /** Reads the file the first time the entries are needed. */
  private void load() {
    if (loaded) {
      return;
    }
    synchronized (this) {
      if (loaded) {
        return;
      }
      try {
        byte[] content = Files.readAllBytes(file);
        if (content.length >= HEADER.length
            && Arrays.equals(content, 0, HEADER.length, HEADER, 0, HEADER.length)
            && (content.length - HEADER.length) % ENTRY == 0) {
          for (int at = HEADER.length; at < content.length; at += ENTRY) {
            entries.add(ByteBuffer.wrap(Arrays.copyOfRange(content, at, at + ENTRY)));
          }
        }
      } catch (NoSuchFileException e) {
        // first use
      } catch (IOException e) {
        // unreadable: start afresh; save() reports a real problem
      }
      loaded = true;
    }
  }

  /** How many successful checks are remembered. */
  public int size() {
    load();
    return entries.size();
  }

  /** Writes the file if anything was added (no-op for {@link #inMemory()}). */
  public void save() throws IOException {
    if (file == null || !changed.getAndSet(false)) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    byte[] content = new byte[HEADER.length + entries.size() * ENTRY];
    System.arraycopy(HEADER, 0, content, 0, HEADER.length);
    int at = HEADER.length;
    for (ByteBuffer entry : entries) {
      if (at + ENTRY > content.length) {
        break; // added concurrently: kept for the next save
      }
      entry.duplicate().get(content, at, ENTRY);
      at += ENTRY;
    }
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, Arrays.copyOf(content, at));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The check of {@code signature} over {@code digest} with {@code key}, through this cache. */
  KernelErrno verify(PublicKey key, String keyAlgorithm, String signatureAlgorithm, String hash,
      byte[] digest, byte[] signature) {
    load();
    ByteBuffer entry = entry(key, signatureAlgorithm, hash, digest, signature);
    if (entries.contains(entry)) {
      return null;
    }
    KernelErrno error =
        PublicKeyVerifier.verify(key, keyAlgorithm, signatureAlgorithm, hash, digest, signature);
    if (error == null && entries.add(entry)) {
      changed.set(true);
    }
    return error;
  }

  private static ByteBuffer entry(PublicKey key, String signatureAlgorithm, String hash,
      byte[] digest, byte[] signature) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, key.getEncoded());
      update(sha, String.valueOf(signatureAlgorithm).getBytes(StandardCharsets.US_ASCII));
      update(sha, hash.getBytes(StandardCharsets.US_ASCII));
      update(sha, digest);
      update(sha, signature);
      return ByteBuffer.wrap(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Length-prefixed, so that no two different inputs give the same byte stream. */
  private static void update(MessageDigest sha, byte[] part) {
    sha.update(ByteBuffer.allocate(4).putInt(part.length).array());
    sha.update(part);
  }
}
