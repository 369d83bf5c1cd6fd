package dev.rdmaforge.pkg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The member directory of a Unix ar archive (a DEB's container), read strictly: the global magic
 * {@code !<arch>\n}, 60-byte member headers ending in {@code `\n}, decimal sizes, data inside the
 * file and padded to an even offset. Only headers are read; members are streamed with {@link
 * RegionInput}.
 */
final class ArArchive {
  static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 60;
  /** A DEB has three members and maybe a few {@code _}-named extras; more is no DEB. */
  private static final int MAX_MEMBERS = 64;

  /**
   * One member.
   *
   * @param name the name without GNU's trailing slash and the padding spaces
   * @param headerOffset where its header starts
   * @param dataOffset where its data starts
   * @param size its data size
   */
  record Member(String name, long headerOffset, long dataOffset, long size) {
    long end() {
      return dataOffset + size;
    }
  }

  private ArArchive() {}

  static boolean hasMagic(byte[] head, int length) {
    if (length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  static List<Member> members(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    byte[] magic = read(file, channel, 0, MAGIC.length, size, "the ar magic");
    if (!hasMagic(magic, magic.length)) {
      throw PackageProblems.atByte(file, 0, "not a Debian package: the ar magic '!<arch>' is"
          + " missing", "give a .deb file (or check that the download is not an HTML page)");
    }
    List<Member> members = new ArrayList<>();
    long offset = MAGIC.length;
    while (offset < size) {
      if (members.size() == MAX_MEMBERS) {
        throw PackageProblems.atByte(file, offset, "more than " + MAX_MEMBERS + " ar members",
            PackageProblems.DAMAGED);
      }
      byte[] header = read(file, channel, offset, HEADER, size, "an ar member header");
      String text = new String(header, StandardCharsets.ISO_8859_1);
      if (header[58] != '`' || header[59] != '\n') {
        throw PackageProblems.atByte(file, offset + 58, "the ar member header does not end with"
            + " the magic '`\\n'", PackageProblems.DAMAGED);
      }
      String name = text.substring(0, 16).stripTrailing();
      if (name.endsWith("/") && name.length() > 1) {
        name = name.substring(0, name.length() - 1);
      }
      String sizeField = text.substring(48, 58).stripTrailing();
      if (sizeField.isEmpty() || sizeField.length() > 10
          || !sizeField.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw PackageProblems.atByte(file, offset + 48, "ar member '" + name + "' has size field"
            + " '" + sizeField + "', not a decimal number", PackageProblems.DAMAGED);
      }
      long memberSize = Long.parseLong(sizeField);
      long data = offset + HEADER;
      if (memberSize > size - data) {
        throw PackageProblems.atByte(file, offset + 48, "ar member '" + name + "' declares "
            + memberSize + " bytes, but the file ends " + (size - data) + " bytes after its"
            + " header (truncated)", PackageProblems.DAMAGED);
      }
      members.add(new Member(name, offset, data, memberSize));
      offset = data + memberSize + (memberSize & 1);
    }
    return members;
  }

  /** {@code length} bytes at {@code offset}, or a truncation error naming {@code what}. */
  static byte[] read(Path file, FileChannel channel, long offset, int length, long size,
      String what) throws IOException {
    if (offset + length > size) {
      throw PackageProblems.atByte(file, offset, "the file ends inside " + what + " (truncated)",
          PackageProblems.DAMAGED);
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw PackageProblems.atByte(file, offset + buffer.position(), "the file ends inside "
            + what + " (truncated)", PackageProblems.DAMAGED);
      }
    }
    return buffer.array();
  }
}
