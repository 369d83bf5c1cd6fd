package dev.rdmaforge.kernel.keys;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * Builds kernel images for tests: a fake {@code vmlinux} holding a {@code system_certificate_list}
 * laid out as {@code certs/system_certificates.S} lays it out, compressed the way the kernel build
 * compresses it ({@code scripts/Makefile.lib}: the compressor's output, then the size appended as
 * four little-endian bytes, except for gzip), inside a bzImage setup header.
 */
final class TestKernelImages {
  /** The real-mode setup sectors of the test bzImage (Debian's have 39). */
  static final int SETUP_SECTS = 3;
  /** {@code payload_offset}: from the start of the protected-mode kernel. */
  static final int PAYLOAD_OFFSET = 0x2cc;

  private TestKernelImages() {}

  /**
   * A fake vmlinux: the ELF magic, filler, a decoy certificate outside the list, then at an
   * 8-aligned offset the list (the certificates back to back), the zero-filled
   * system_extra_cert area of {@code extraArea} bytes, {@code system_extra_cert_used}, and the
   * quads {@code system_certificate_list_size} and {@code module_cert_size}.
   */
  static byte[] vmlinux(List<byte[]> list, byte[] decoy, int extraArea, boolean withSizeQuads) {
    ByteBuffer out = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    byte[] filler = "kernel text and data ".repeat(400).getBytes(StandardCharsets.US_ASCII);
    out.put(filler);
    if (decoy != null) {
      out.put(decoy);
      out.put(filler);
    }
    while (out.position() % 8 != 0) {
      out.put((byte) 0x90);
    }
    int listStart = out.position();
    for (byte[] certificate : list) {
      out.put(certificate);
    }
    int listLength = out.position() - listStart;
    out.put(new byte[extraArea]);
    if (extraArea > 0) {
      while (out.position() % 4 != 0) {
        out.put((byte) 0);
      }
      out.putInt(0);
    }
    while (out.position() % 8 != 0) {
      out.put((byte) 0);
    }
    if (withSizeQuads) {
      out.putLong(listLength);
      out.putLong(list.isEmpty() ? 0 : list.get(0).length);
    }
    out.put(filler);
    return Arrays.copyOf(out.array(), out.position());
  }

  /** The payload the kernel build writes for {@code vmlinux} with {@code compression}. */
  static byte[] payload(KernelCompression compression, byte[] vmlinux) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    switch (compression) {
      case GZIP:
        try (OutputStream out = new GzipCompressorOutputStream(buffer)) {
          out.write(vmlinux);
        }
        return buffer.toByteArray(); // gzip's trailer already ends with the size
      case BZIP2:
        try (OutputStream out = new BZip2CompressorOutputStream(buffer)) {
          out.write(vmlinux);
        }
        break;
      case LZMA:
        try (OutputStream out = new LZMAOutputStream(buffer, new LZMA2Options(), -1)) {
          out.write(vmlinux);
        }
        break;
      case XZ:
        // scripts/xz_wrap.sh: the x86 BCJ filter, LZMA2, CRC32 check.
        try (OutputStream out = new XZOutputStream(buffer,
            new FilterOptions[] {new X86Options(), new LZMA2Options()}, XZ.CHECK_CRC32)) {
          out.write(vmlinux);
        }
        break;
      case LZ4:
        lz4Legacy(buffer, vmlinux);
        break;
      case ZSTD:
        try (OutputStream out = new ZstdOutputStream(buffer, 19)) {
          out.write(vmlinux);
        }
        break;
      case LZO:
        buffer.write(new byte[] {(byte) 0x89, 'L', 'Z', 'O', 0, '\r', '\n', 0x1a, '\n', 1, 2, 3});
        break;
      default:
        throw new IllegalArgumentException(compression.name());
    }
    buffer.write(le32(vmlinux.length));
    return buffer.toByteArray();
  }

  /** {@code lz4 -l}: the legacy magic, then blocks of at most 8 MiB with a u32 length each. */
  private static void lz4Legacy(ByteArrayOutputStream buffer, byte[] data) throws IOException {
    buffer.write(le32(0x184c2102));
    int blockSize = 8 << 20;
    for (int at = 0; at < data.length; at += blockSize) {
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      try (OutputStream out = new BlockLZ4CompressorOutputStream(block)) {
        out.write(data, at, Math.min(blockSize, data.length - at));
      }
      buffer.write(le32(block.size()));
      block.writeTo(buffer);
    }
  }

  /**
   * A bzImage around {@code payload}: "MZ" first when {@code efi} (as Debian's signed vmlinuz),
   * the setup header fields, the payload at {@code (setup_sects + 1) * 512 + payload_offset}.
   */
  static byte[] bzImage(byte[] payload, boolean efi, int protocol) {
    int start = (SETUP_SECTS + 1) * 512 + PAYLOAD_OFFSET;
    ByteBuffer image = ByteBuffer.allocate(start + payload.length + 64)
        .order(ByteOrder.LITTLE_ENDIAN);
    if (efi) {
      image.put(0, (byte) 'M').put(1, (byte) 'Z');
    }
    image.put(0x1f1, (byte) SETUP_SECTS);
    image.put(0x202, (byte) 'H').put(0x203, (byte) 'd').put(0x204, (byte) 'r')
        .put(0x205, (byte) 'S');
    image.putShort(0x206, (short) protocol);
    image.putInt(0x248, PAYLOAD_OFFSET);
    image.putInt(0x24c, payload.length);
    image.position(start);
    image.put(payload);
    return image.array();
  }

  static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
