package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.io.CappedInputStream;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks an initramfs file the way the kernel's {@code unpack_to_rootfs} does: a {@code '0'} at a
 * 4-byte aligned offset starts an uncompressed cpio archive, zero bytes are padding and skipped,
 * anything else must be the magic of a compressed stream, which is decoded (its output may hold
 * several archives) and reading goes on right after the bytes the decoder used.
 */
final class InitramfsReader {
  private InitramfsReader() {}

  /** Reads {@code file}, handing every entry to {@code sink}; returns the segments found. */
  static List<InitramfsSegment> read(Path file, InitramfsLimits limits, EntrySink sink) {
    String name = file.toString();
    byte[] data = load(file, limits);
    List<InitramfsSegment> segments = new ArrayList<>();
    int[] entryCount = {0};
    long[] decompressedTotal = {0};
    int pos = 0;
    while (pos < data.length) {
      int c = data[pos] & 0xff;
      if (c == '0' && (pos & 3) == 0) {
        int at = pos;
        InputStream in = new SegmentDecoder.Counter(data, at);
        CpioStreamReader.Place place = p -> "byte " + (at + p) + " (0x" + Long.toHexString(at + p)
            + ")";
        CpioStreamReader cpio = new CpioStreamReader(in, name, place, limits, sink,
            segments.size(), entryCount);
        try {
          cpio.readOneArchive();
        } catch (IOException e) {
          throw new UserInputException(name + ": at byte " + at + ": cannot read the archive ("
              + e.getMessage() + ")", e);
        }
        long length = cpio.position();
        segments.add(new InitramfsSegment(segments.size(), at, length, InitramfsCompression.NONE,
            length, cpio.entries()));
        pos += (int) length;
        continue;
      }
      if (c == 0) {
        pos++;
        continue;
      }
      segments.add(decodeSegment(name, data, pos, limits, sink, segments.size(), entryCount,
          decompressedTotal));
      InitramfsSegment last = segments.get(segments.size() - 1);
      pos += (int) last.length();
    }
    if (segments.isEmpty()) {
      throw new UserInputException(name + ": holds no cpio archive (" + data.length
          + " bytes, all zero); point at a real initramfs");
    }
    return segments;
  }

  private static InitramfsSegment decodeSegment(String name, byte[] data, int at,
      InitramfsLimits limits, EntrySink sink, int index, int[] entryCount,
      long[] decompressedTotal) {
    InitramfsCompression compression = InitramfsCompression.detect(data, at);
    String where = "byte " + at + " (0x" + Integer.toHexString(at) + ")";
    if (compression == null) {
      String unsupported = InitramfsCompression.unsupportedName(data, at);
      if (unsupported != null) {
        throw new UserInputException(name + ": at " + where + ": a " + unsupported
            + " segment, which rdmaforge does not read; regenerate the initramfs with gzip, xz,"
            + " zstd, lz4, lzma or bzip2 (COMPRESS= in initramfs.conf, compress= for dracut)");
      }
      throw new UserInputException(name + ": at " + where
          + ": invalid magic at start of compressed archive (bytes "
          + String.format("%02x %02x", data[at] & 0xff,
              at + 1 < data.length ? data[at + 1] & 0xff : 0)
          + "); the file is not an initramfs or is damaged: check the path or regenerate it");
    }
    String label = compression.toolName() + " segment at " + where;
    CpioStreamReader.Place place = p -> "byte " + p + " of the cpio data of the " + label;
    SegmentDecoder decoder;
    try {
      decoder = SegmentDecoder.open(compression, data, at);
    } catch (IOException e) {
      throw corrupt(name, label, e);
    }
    // Decoding stops past the limit of decompressed data: a bomb fails instead of running on.
    InputStream bounded = new CappedInputStream(decoder,
        limits.maxDecompressed() - decompressedTotal[0], () -> new UserInputException(name
            + ": the " + label + " decompresses to more than " + limits.maxDecompressed()
            + " bytes in all, the limit for an initramfs; the file is not a sane initramfs"));
    CpioStreamReader cpio =
        new CpioStreamReader(bounded, name, place, limits, sink, index, entryCount);
    try {
      cpio.readAllArchives();
    } catch (IOException e) {
      throw corrupt(name, label, e);
    } catch (UserInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // decoders report some damage as unchecked exceptions (zstd-jni, commons-compress)
      throw corrupt(name, label, new IOException(e.getMessage(), e));
    }
    decompressedTotal[0] += cpio.position();
    long used = decoder.consumed();
    if (used <= 0) {
      throw corrupt(name, label, new IOException("the decoder used no input"));
    }
    return new InitramfsSegment(index, at, used, compression, cpio.position(), cpio.entries());
  }

  private static UserInputException corrupt(String name, String label, IOException e) {
    String why = e instanceof java.io.EOFException
        ? "the compressed data ends early: the file is truncated (" + e.getMessage() + ")"
        : "the compressed data is corrupt (" + e.getMessage() + ")";
    return new UserInputException(name + ": in the " + label + ": " + why
        + "; regenerate the initramfs (update-initramfs -u -k KVER, dracut -f --kver KVER)", e);
  }

  private static byte[] load(Path file, InitramfsLimits limits) {
    try {
      long size = Files.size(file);
      if (size > limits.maxFileSize()) {
        throw new UserInputException(file + ": is " + size + " bytes, more than the "
            + limits.maxFileSize() + " accepted for an initramfs; check the path");
      }
      if (size == 0) {
        throw new UserInputException(file + ": is empty; an initramfs holds at least one cpio"
            + " archive: regenerate it");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file; give the initramfs path (e.g."
          + " boot/initrd.img-KVER in the image root)", e);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage()
          + "; check the path and permissions", e);
    }
  }
}
