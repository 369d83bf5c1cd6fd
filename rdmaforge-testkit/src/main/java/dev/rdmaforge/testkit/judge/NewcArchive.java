package dev.rdmaforge.testkit.judge;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a directory tree as a {@code newc} cpio archive, the initramfs format the kernel unpacks.
 *
 * <p>Entries come in byte order of their paths (what {@code find | LC_ALL=C sort | cpio -H newc}
 * gives), owned by root, with time 0, so equal trees give equal archives. Regular files with equal
 * content become hard links of one inode and the content is stored once, with the last of them (the
 * GNU cpio convention, which the kernel's unpacker also follows): scenarios share most modules, and
 * the guest's memory holds the archive and its unpacked copy.
 */
final class NewcArchive {

  private static final int DIR = 0040000;
  private static final int FILE = 0100000;
  private static final int LINK = 0120000;

  /**
   * Sizes of a written archive.
   *
   * @param entries the number of entries
   * @param contentBytes the bytes of file content stored (each shared content once)
   */
  record Stats(int entries, long contentBytes) {}

  private NewcArchive() {}

  /** Writes the tree below {@code dir} (not {@code dir} itself) to {@code out}. */
  static Stats write(Path dir, OutputStream out) {
    try {
      List<Path> paths = sortedEntries(dir);
      Map<String, List<Integer>> byContent = new HashMap<>();
      for (int i = 0; i < paths.size(); i++) {
        Path path = paths.get(i);
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          byContent.computeIfAbsent(sha256(path), k -> new ArrayList<>()).add(i);
        }
      }
      int[] inode = new int[paths.size()];
      int[] links = new int[paths.size()];
      boolean[] carriesData = new boolean[paths.size()];
      for (int i = 0; i < paths.size(); i++) {
        inode[i] = i + 1;
        links[i] = 1;
        carriesData[i] = true;
      }
      for (List<Integer> group : byContent.values()) {
        int last = group.get(group.size() - 1);
        for (int i : group) {
          inode[i] = inode[group.get(0)];
          links[i] = group.size();
          carriesData[i] = i == last;
        }
      }
      BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      long content = 0;
      for (int i = 0; i < paths.size(); i++) {
        content += writeEntry(dir, paths.get(i), inode[i], links[i], carriesData[i], buffered);
      }
      writeHeader(buffered, "TRAILER!!!", 0, 0, 1, 0);
      buffered.flush();
      return new Stats(paths.size(), content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not archive " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> sortedEntries(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir))
          .sorted((a, b) -> compareBytes(name(dir, a), name(dir, b)))
          .toList();
    }
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String name(Path dir, Path path) {
    return dir.relativize(path).toString();
  }

  private static long writeEntry(
      Path dir, Path path, int inode, int links, boolean carriesData, OutputStream out)
      throws IOException {
    String name = name(dir, path);
    if (Files.isSymbolicLink(path)) {
      byte[] target = Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8);
      writeHeader(out, name, inode, LINK | 0777, 1, target.length);
      out.write(target);
      pad(out, target.length);
      return target.length;
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      writeHeader(out, name, inode, DIR | 0755, 2, 0);
      return 0;
    }
    int mode = FILE | (isExecutable(path) ? 0755 : 0644);
    long size = carriesData ? Files.size(path) : 0;
    writeHeader(out, name, inode, mode, links, size);
    if (carriesData) {
      try (InputStream in = Files.newInputStream(path)) {
        long copied = in.transferTo(out);
        if (copied != size) {
          throw new IOException(path + " changed while being archived");
        }
      }
      pad(out, size);
    }
    return size;
  }

  private static boolean isExecutable(Path path) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
  }

  private static void writeHeader(
      OutputStream out, String name, int inode, int mode, int links, long size) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("070701");
    // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
    // namesize (with its NUL), check
    for (long field :
        new long[] {inode, mode, 0, 0, links, 0, size, 0, 0, 0, 0, nameBytes.length + 1, 0}) {
      h.append(String.format("%08x", field));
    }
    out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(nameBytes);
    out.write(0);
    pad(out, 110 + nameBytes.length + 1);
  }

  /** Pads to a multiple of four after {@code length} bytes. */
  private static void pad(OutputStream out, long length) throws IOException {
    int padding = (int) ((4 - length % 4) % 4);
    for (int i = 0; i < padding; i++) {
      out.write(0);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
