package dev.rdmaforge.kernel.keys;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A kernel image decompressed to its {@code vmlinux}: an x86 bzImage such as Debian's {@code
 * /boot/vmlinuz-KVER} (EFI-signed or not), whose payload is found through the setup header and
 * decompressed with whichever of gzip, bzip2, lzma, xz, lz4 (legacy frame) or zstd it uses, or an
 * uncompressed ELF {@code vmlinux}. LZO payloads are refused with advice.
 *
 * <pre>{@code
 * KernelImage image = KernelImage.read(Path.of("/boot/vmlinuz-6.1.0-56-amd64"));
 * image.compression();   // XZ
 * image.size();          // 65906612
 * }</pre>
 */
public final class KernelImage {
  private final Path file;
  private final KernelCompression compression;
  private final long payloadStart;
  private final byte[] image;

  private KernelImage(Path file, KernelCompression compression, long payloadStart, byte[] image) {
    this.file = file;
    this.compression = compression;
    this.payloadStart = payloadStart;
    this.image = image;
  }

  /**
   * Reads and decompresses a kernel image.
   *
   * @param file a bzImage or an ELF vmlinux
   * @return the decompressed image
   * @throws UserInputException when the file cannot be read or is not a kernel image, naming the
   *     file, the byte offset and what to do
   */
  public static KernelImage read(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file; give the kernel image of the target"
          + " (boot/vmlinuz-KVER inside the image root)", e);
    } catch (IOException | OutOfMemoryError e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); give a"
          + " readable kernel image", e);
    }
    return fromBytes(file, bytes);
  }

  /**
   * Decompresses a kernel image already in memory.
   *
   * @param file the name to report
   * @param bytes the file's content (not modified; kept only when it is an ELF vmlinux)
   */
  public static KernelImage fromBytes(Path file, byte[] bytes) {
    if (KernelCompression.NONE.matches(bytes, 0)) {
      return new KernelImage(file, KernelCompression.NONE, 0, bytes);
    }
    BzImageHeader header = BzImageHeader.read(
        file, Arrays.copyOf(bytes, Math.min(bytes.length, BzImageHeader.HEADER_END)), bytes.length);
    int start = (int) header.payloadStart();
    KernelCompression compression = KernelCompression.detect(bytes, start);
    if (compression == null || compression == KernelCompression.NONE) {
      byte[] magic = Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + 6));
      throw new UserInputException(file + ": byte " + start + ": the payload starts with "
          + Hex.lower(magic) + ", the magic of no kernel compression (gzip, bzip2, lzma, xz, lzo,"
          + " lz4, zstd): the image is damaged or not an x86 bzImage; copy it again from the"
          + " kernel package");
    }
    byte[] payload = Arrays.copyOfRange(bytes, start, start + (int) header.payloadLength());
    byte[] vmlinux = PayloadDecompressor.decompress(file, payload, start, compression);
    return new KernelImage(file, compression, start, vmlinux);
  }

  /** The image file as given. */
  public Path file() {
    return file;
  }

  /** The payload's compression ({@link KernelCompression#NONE} for an ELF vmlinux). */
  public KernelCompression compression() {
    return compression;
  }

  /** Where the compressed payload starts in the file (0 for an ELF vmlinux). */
  public long payloadOffset() {
    return payloadStart;
  }

  /** The decompressed size in bytes. */
  public int size() {
    return image.length;
  }

  /** The decompressed image, read-only, position 0. */
  public ByteBuffer bytes() {
    return ByteBuffer.wrap(image).asReadOnlyBuffer();
  }

  /** The decompressed image itself, for this package's scanners (never modified). */
  byte[] raw() {
    return image;
  }

  @Override
  public String toString() {
    return "KernelImage[" + file + ", " + compression + ", " + image.length + " bytes]";
  }
}
