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
 * file's bytes (about 20 ms for 8-12 MB), so a replaced image is always read again; each is a small
 * file {@code <directory>/<sha256>.bin} written through a temporary file and an atomic move. A
 * damaged entry is read again from the image and rewritten. Thread-safe.
 */
public final class KernelCertificateCache {
  private static final byte[] MAGIC = "RFKC".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

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
    Path entry = directory.resolve(sha256(content) + ".bin");
    EmbeddedCertificates cached = load(entry, vmlinuz);
    if (cached != null) {
      return cached;
    }
    EmbeddedCertificates found = EmbeddedCertificates.find(KernelImage.fromBytes(vmlinuz, content));
    store(entry, found);
    return found;
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

  private void store(Path entry, EmbeddedCertificates found) {
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
    try {
      Files.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, entry.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, buffer.toByteArray());
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
