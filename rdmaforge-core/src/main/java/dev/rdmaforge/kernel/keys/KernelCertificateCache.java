package dev.rdmaforge.kernel.keys;

import dev.rdmaforge.depmod.ModuleDataCache;
import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the certificates found in kernel images, so that the image is decompressed once (1-3 s
 * for a Debian vmlinuz) rather than on every run. Entries are keyed by the SHA-256 of the image
 * file's bytes, so a replaced image is always read again; each is a small file {@code
 * <directory>/<sha256>.bin} written through a temporary file and an atomic move. Hashing 8-12 MB
 * costs 20-90 ms, so a second small file {@code id-<dev>-<inode>-<size>-<mtime>-<ctime>.sha256}
 * remembers the digest of an image file whose identity has not changed (as the module cache
 * does). A damaged entry is read again from the image and rewritten. Thread-safe.
 */
public final class KernelCertificateCache {
  private static final byte[] MAGIC = "RFKC".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int MAX_IDENTITIES = 64;

  private final Path directory;

  private KernelCertificateCache(Path directory) {
    this.directory = directory;
  }

  /**
   * The default directory, next to the module cache: {@code
   * $XDG_CACHE_HOME/rdmaforge/kernel-certs-v1} or {@code ~/.cache/rdmaforge/kernel-certs-v1}.
   */
  public static Path defaultDirectory() {
    return ModuleDataCache.defaultFile().resolveSibling("kernel-certs-v" + VERSION);
  }

  /**
   * A cache in {@code directory} (e.g. {@code ~/.cache/rdmaforge/kernel-certs-v1}), created when
   * first written.
   */
  public static KernelCertificateCache at(Path directory) {
    return new KernelCertificateCache(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The certificates built into {@code vmlinuz}, from the cache or found now (and stored).
   *
   * @throws UserInputException when the image cannot be read or is not a kernel image
   */
  public EmbeddedCertificates certificates(Path vmlinuz) {
    // The image's identity names its digest, so an unchanged image is neither read nor hashed.
    ModuleDataCache.FileKey identity = ModuleDataCache.FileKey.of(vmlinuz);
    Path byIdentity = identity == null ? null : directory.resolve("id-" + identity.dev() + "-"
        + identity.ino() + "-" + identity.size() + "-" + identity.mtimeNanos() + "-"
        + identity.ctimeNanos() + ".sha256");
    String known = byIdentity == null ? null : knownDigest(byIdentity);
    if (known != null) {
      EmbeddedCertificates cached = load(directory.resolve(known + ".bin"), vmlinuz);
      if (cached != null) {
        return cached;
      }
    }
    byte[] content;
    try {
      content = Files.readAllBytes(vmlinuz);
    } catch (NoSuchFileException e) {
      throw new UserInputException(vmlinuz + ": no such file; give the kernel image of the target"
          + " (boot/vmlinuz-KVER inside the image root)", e);
    } catch (IOException e) {
      throw new UserInputException(vmlinuz + ": cannot be read (" + e.getMessage() + "); give a"
          + " readable kernel image", e);
    }
    String digest = sha256(content);
    Path entry = directory.resolve(digest + ".bin");
    EmbeddedCertificates cached = load(entry, vmlinuz);
    if (cached == null) {
      cached = EmbeddedCertificates.find(KernelImage.fromBytes(vmlinuz, content));
      store(entry, serialize(cached));
    }
    if (byIdentity != null && !digest.equals(known)) {
      forgetOldIdentities();
      store(byIdentity, digest.getBytes(StandardCharsets.US_ASCII));
    }
    return cached;
  }

  /**
   * Keeps the identity files few: each copy of an image (a new inode) adds one, so beyond {@value
   * #MAX_IDENTITIES} the oldest go. Losing one only costs a hash.
   */
  private void forgetOldIdentities() {
    List<Path> ids = new ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> all =
        Files.newDirectoryStream(directory, "id-*.sha256")) {
      all.forEach(ids::add);
    } catch (IOException e) {
      return;
    }
    if (ids.size() < MAX_IDENTITIES) {
      return;
    }
    ids.sort(java.util.Comparator.comparingLong(KernelCertificateCache::modified));
    for (Path old : ids.subList(0, ids.size() - MAX_IDENTITIES + 1)) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        // another run's cleanup, or not ours to delete: only a cache
      }
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The image digest an identity file names, or null. */
  private static String knownDigest(Path byIdentity) {
    try {
      String digest = Files.readString(byIdentity, StandardCharsets.US_ASCII);
      return digest.matches("[0-9a-f]{64}") ? digest : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static EmbeddedCertificates load(Path entry, Path source) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(entry);
    } catch (IOException e) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.readInt() != VERSION) {
        return null;
      }
      EmbeddedCertificates.Method method = EmbeddedCertificates.Method.values()[in.readByte()];
      long listOffset = in.readLong();
      long listLength = in.readLong();
      int count = in.readInt();
      List<EmbeddedCertificates.Blob> blobs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long offset = in.readLong();
        int length = in.readInt();
        byte[] der = in.readNBytes(length);
        if (der.length != length) {
          return null;
        }
        blobs.add(new EmbeddedCertificates.Blob(offset, der));
      }
      if (in.read() != -1) {
        return null;
      }
      return EmbeddedCertificates.of(source, method, listOffset, listLength, blobs);
    } catch (IOException | RuntimeException e) {
      return null; // damaged entry: found again and rewritten
    }
  }

  private static byte[] serialize(EmbeddedCertificates found) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeByte(found.method().ordinal());
      out.writeLong(found.listOffset());
      out.writeLong(found.listLength());
      out.writeInt(found.blobs().size());
      for (EmbeddedCertificates.Blob blob : found.blobs()) {
        out.writeLong(blob.offset());
        out.writeInt(blob.der().length);
        out.write(blob.der());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return buffer.toByteArray();
  }

  private void store(Path entry, byte[] content) {
    try {
      Files.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, entry.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, content);
        Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // A cache that cannot be written only costs time: the result is still correct.
    }
  }

  private static String sha256(byte[] content) {
    try {
      return Hex.lower(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
