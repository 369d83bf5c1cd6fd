package dev.rdmaforge.kmod;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZInputStream;

/**
 * Turns a module file into its ELF image as libkmod's {@code kmod_file_open} does: the first six
 * bytes decide (a zstd or xz magic means decompress, anything else is taken as-is); the file name
 * plays no part. A file shorter than six bytes is refused with {@code EINVAL}.
 */
final class ModuleImageLoader {
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
  private static final int MAGIC_READ = 6;
  private static final int MAX_IMAGE = Integer.MAX_VALUE - 16;
  private static final String ADVICE_RECOMPRESS =
      "the compressed module is damaged: reinstall it, or decompress and recompress it";

  /** How a plain (uncompressed) module is brought into memory. */
  enum PlainAccess {
    /** {@link FileChannel#map}: only the pages of the sections that are read are touched. */
    MAP,
    /** One read of the whole file into a heap buffer. */
    READ
  }

  /**
   * A module's bytes.
   *
   * @param bytes the image: position 0, limit = image size
   * @param compression how the file was compressed
   * @param fileSize the size of the file itself
   */
  record LoadedImage(ByteBuffer bytes, Compression compression, long fileSize) {}

  private ModuleImageLoader() {}

  /** Loads a file from disk. Plain I/O errors (missing file, permission) are thrown as such. */
  static LoadedImage load(Path file, PlainAccess access) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long fileSize = channel.size();
      ByteBuffer head = ByteBuffer.allocate(MAGIC_READ);
      while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
        // positional reads until six bytes or end of file
      }
      byte[] magic = Arrays.copyOf(head.array(), head.position());
      Compression compression = compressionOf(file, magic);
      if (compression == Compression.NONE) {
        if (fileSize > MAX_IMAGE) {
          throw tooLarge(file, fileSize);
        }
        ByteBuffer bytes;
        if (access == PlainAccess.MAP) {
          bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, fileSize);
        } else {
          bytes = ByteBuffer.allocate((int) fileSize);
          while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
            // read the whole file
          }
          bytes.flip();
        }
        return new LoadedImage(bytes, compression, bytes.limit());
      }
      if (fileSize > MAX_IMAGE) {
        throw tooLarge(file, fileSize);
      }
      ByteBuffer compressed = ByteBuffer.allocate((int) fileSize);
      while (compressed.hasRemaining() && channel.read(compressed, compressed.position()) >= 0) {
        // read the whole file
      }
      byte[] raw = Arrays.copyOf(compressed.array(), compressed.position());
      return new LoadedImage(decompress(file, raw, compression), compression, raw.length);
    }
  }

  /** Loads a module from bytes already in memory (a file inside a package, say). */
  static LoadedImage fromBytes(Path file, byte[] content) throws ModuleFormatException {
    Compression compression = compressionOf(file, Arrays.copyOf(content,
        Math.min(MAGIC_READ, content.length)));
    if (compression == Compression.NONE) {
      return new LoadedImage(ByteBuffer.wrap(content.clone()), compression, content.length);
    }
    return new LoadedImage(decompress(file, content, compression), compression, content.length);
  }

  private static Compression compressionOf(Path file, byte[] magic) throws ModuleFormatException {
    if (magic.length < MAGIC_READ) {
      throw new ModuleFormatException(file, magic.length, "the file is only " + magic.length
          + " bytes long; kmod needs at least " + MAGIC_READ + " to recognise a module",
          ElfImage.ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    if (Arrays.equals(magic, 0, ZSTD_MAGIC.length, ZSTD_MAGIC, 0, ZSTD_MAGIC.length)) {
      return Compression.ZSTD;
    }
    if (Arrays.equals(magic, 0, XZ_MAGIC.length, XZ_MAGIC, 0, XZ_MAGIC.length)) {
      return Compression.XZ;
    }
    return Compression.NONE;
  }

  private static ByteBuffer decompress(Path file, byte[] raw, Compression compression)
      throws ModuleFormatException {
    try (InputStream in = open(raw, compression)) {
      return readAll(file, in, raw.length * 4L);
    } catch (ModuleFormatException e) {
      throw e;
    } catch (IOException | RuntimeException | LinkageError e) {
      // libkmod turns every decoder error into EINVAL (and logs nothing: the context is not set yet).
      String name = compression == Compression.XZ ? "xz" : "zstd";
      throw new ModuleFormatException(file, -1, "the " + name + " data cannot be decompressed ("
          + describe(e) + ")", ADVICE_RECOMPRESS, KmodOutcome.EINVAL, e);
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof EOFException) {
      return "the compressed data ends early: the file is truncated";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  @SuppressWarnings("resource") // the caller closes the returned stream, which closes the rest
  private static InputStream open(byte[] raw, Compression compression) throws IOException {
    InputStream source = new ByteArrayInputStream(raw);
    if (compression == Compression.XZ) {
      // Like liblzma with LZMA_CONCATENATED: concatenated streams and padding, checks verified.
      // The shared cache reuses the 1 MiB dictionary buffers across the thousands of modules.
      return new XZInputStream(source, -1, true, BasicArrayCache.getInstance());
    }
    // Continuous: at the end of the input libkmod keeps whatever a truncated frame produced.
    return new ZstdInputStreamNoFinalizer(source).setContinuous(true);
  }

  private static ByteBuffer readAll(Path file, InputStream in, long sizeHint) throws IOException {
    byte[] out = new byte[(int) Math.min(Math.max(sizeHint, 1 << 16), 1 << 26)];
    int length = 0;
    while (true) {
      if (length == out.length) {
        if (out.length >= MAX_IMAGE) {
          throw tooLarge(file, length);
        }
        out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, MAX_IMAGE));
      }
      int read = in.read(out, length, out.length - length);
      if (read < 0) {
        return ByteBuffer.wrap(out, 0, length);
      }
      length += read;
    }
  }

  private static ModuleFormatException tooLarge(Path file, long size) {
    return new ModuleFormatException(file, -1, "the module image is " + size
        + " bytes, more than this reader handles (2 GiB)", "no kernel module is this large:"
        + " check that the file is really a module", KmodOutcome.ACCEPTED);
  }
}
