package dev.rdmaforge.kernel.keys;

import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream;

/**
 * The LZ4 legacy frame the kernel build writes ({@code lz4 -l}, read by {@code
 * lib/decompress_unlz4.c}): the magic {@code 02 21 4C 18}, then blocks, each a little-endian u32
 * compressed length followed by one LZ4 block of at most 8 MiB decompressed. A repeated magic
 * starts another frame and is skipped. commons-compress decodes the blocks; this class walks the
 * frame.
 */
final class Lz4LegacyFrame {
  private static final long MAGIC = 0x184c2102L;

  private Lz4LegacyFrame() {}

  /** Fills {@code out} from {@code payload} (magic first, appended size last). */
  static void decompress(Path file, byte[] payload, long payloadStart, byte[] out) {
    int end = payload.length - 4;
    int pos = 4;
    int filled = 0;
    while (filled < out.length && pos + 4 <= end) {
      long chunk = BzImageHeader.u32(payload, pos);
      int header = pos;
      pos += 4;
      if (chunk == MAGIC) {
        continue;
      }
      if (chunk > end - pos) {
        throw new UserInputException(file + ": byte " + (payloadStart + header) + ": an LZ4 block"
            + " of " + chunk + " bytes runs past the end of the payload: the image is damaged;"
            + " copy it again from the kernel package");
      }
      try (InputStream block = new BlockLZ4CompressorInputStream(
          new ByteArrayInputStream(payload, pos, (int) chunk))) {
        while (filled < out.length) {
          int read = block.read(out, filled, out.length - filled);
          if (read < 0) {
            break;
          }
          filled += read;
        }
      } catch (IOException | RuntimeException e) {
        throw new UserInputException(file + ": byte " + (payloadStart + header) + ": the LZ4"
            + " block cannot be decompressed (" + e.getMessage() + "): the image is damaged;"
            + " copy it again from the kernel package", e);
      }
      pos += (int) chunk;
    }
    if (filled < out.length) {
      throw new UserInputException(file + ": byte " + (payloadStart + pos) + ": the LZ4 payload"
          + " ends after " + filled + " of the " + out.length + " bytes its size field announces:"
          + " the image is truncated; copy it again from the kernel package");
    }
  }
}
