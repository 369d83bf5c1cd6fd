package dev.rdmaforge.image.initramfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of an initramfs file: every entry of every concatenated archive, in file order
 * (what {@code cpio -t} or {@code lsinitramfs} lists), with the digest of each regular file.
 * Nothing is unpacked; the kernel's rules decide where each segment starts ({@link
 * InitramfsReader}).
 */
public final class InitramfsImage {
  private final Path file;
  private final List<InitramfsSegment> segments;
  private final List<InitramfsEntry> entries;

  private InitramfsImage(Path file, List<InitramfsSegment> segments, List<InitramfsEntry> entries) {
    this.file = file;
    this.segments = List.copyOf(segments);
    this.entries = List.copyOf(entries);
  }

  /** Reads {@code file} with the default {@link InitramfsLimits}. */
  public static InitramfsImage read(Path file) {
    return read(file, InitramfsLimits.defaults());
  }

  /**
   * Reads {@code file}.
   *
   * @throws dev.rdmaforge.report.UserInputException when the file is missing, damaged or exceeds
   *     {@code limits}, naming the file and the byte offset
   */
  public static InitramfsImage read(Path file, InitramfsLimits limits) {
    List<InitramfsEntry> entries = new ArrayList<>();
    List<CpioHeader> headers = new ArrayList<>();
    byte[] buffer = new byte[1 << 16];
    EntrySink sink = (segment, header, content) -> {
      headers.add(header);
      entries.add(entry(segment, header, content, buffer));
    };
    List<InitramfsSegment> segments = InitramfsReader.read(file, limits, sink);
    return of(file, segments, entries, headers);
  }

  /** An image from entries a caller's own pass collected (one header per entry). */
  static InitramfsImage of(Path file, List<InitramfsSegment> segments,
      List<InitramfsEntry> entries, List<CpioHeader> headers) {
    return new InitramfsImage(file, segments, resolveHardLinks(entries, headers));
  }

  /** The file that was read. */
  public Path file() {
    return file;
  }

  /** The concatenated parts, in file order. */
  public List<InitramfsSegment> segments() {
    return segments;
  }

  /** Every entry in file order (trailers left out). */
  public List<InitramfsEntry> entries() {
    return entries;
  }

  /**
   * The entry the unpacked file system ends up with at {@code path} (normalised, see {@link
   * InitramfsEntry#normalizedPath()}): the last one, since a later archive overwrites an earlier
   * one; symbolic links in the path's directories are not followed.
   */
  public Optional<InitramfsEntry> entry(String path) {
    String want = InitramfsEntry.normalize(path);
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).normalizedPath().equals(want)) {
        return Optional.of(entries.get(i));
      }
    }
    return Optional.empty();
  }

  static InitramfsEntry entry(int segment, CpioHeader h, InputStream content, byte[] buffer)
      throws IOException {
    EntryType type = h.type();
    int mode = (int) (h.mode() & 07777);
    if (type == EntryType.SYMLINK) {
      byte[] target = content.readNBytes((int) h.fileSize());
      return new InitramfsEntry(h.name(), type, mode, h.fileSize(), null,
          new String(target, java.nio.charset.StandardCharsets.UTF_8), segment);
    }
    if (type != EntryType.FILE) {
      return new InitramfsEntry(h.name(), type, mode, h.fileSize(), null, null, segment);
    }
    return new InitramfsEntry(h.name(), type, mode, h.fileSize(),
        HexFormat.of().formatHex(digest(content, buffer)), null, segment);
  }

  static byte[] digest(InputStream content, byte[] buffer) throws IOException {
    MessageDigest sha = sha256();
    int n;
    while ((n = content.read(buffer)) > 0) {
      sha.update(buffer, 0, n);
    }
    return sha.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * cpio's newc writes a hard-linked file's data once, with the last link of its group; the
   * earlier links carry no data. Gives each link its group's content (as the unpacked files
   * would have it).
   */
  private static List<InitramfsEntry> resolveHardLinks(
      List<InitramfsEntry> entries, List<CpioHeader> headers) {
    Map<String, InitramfsEntry> withData = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      CpioHeader h = headers.get(i);
      if (entries.get(i).type() == EntryType.FILE && h.nlink() > 1 && h.fileSize() > 0) {
        withData.put(linkKey(entries.get(i).segment(), h), entries.get(i));
      }
    }
    if (withData.isEmpty()) {
      return entries;
    }
    List<InitramfsEntry> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      InitramfsEntry e = entries.get(i);
      CpioHeader h = headers.get(i);
      InitramfsEntry data = e.type() == EntryType.FILE && h.nlink() > 1 && h.fileSize() == 0
          ? withData.get(linkKey(e.segment(), h)) : null;
      out.add(data == null ? e : new InitramfsEntry(e.path(), e.type(), e.mode(), data.size(),
          data.sha256(), null, e.segment()));
    }
    return out;
  }

  private static String linkKey(int segment, CpioHeader h) {
    return segment + ":" + h.devMajor() + ":" + h.devMinor() + ":" + h.ino();
  }
}
