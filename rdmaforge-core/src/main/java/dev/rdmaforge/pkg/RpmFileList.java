package dev.rdmaforge.pkg;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file list of an RPM main header: names from BASENAMES/DIRNAMES/DIRINDEXES (or the legacy
 * OLDFILENAMES), with FILEMODES, FILESIZES or LONGFILESIZES, FILELINKTOS, FILEDIGESTS and
 * FILEDIGESTALGO, FILEFLAGS, and FILEDEVICES/FILEINODES for hard links. Every array must have one
 * value per file.
 *
 * <p>Hard links: regular files sharing a device and inode number form a set. rpm stores the
 * content once, with the set's last member in header order (the cpio entries of the others are
 * empty), so that member becomes the {@link FileType#FILE} and the others {@link
 * FileType#HARDLINK}s pointing at it.
 */
final class RpmFileList {
  static final int RPMFILE_CONFIG = 1;
  static final int RPMFILE_GHOST = 1 << 6;

  private RpmFileList() {}

  static List<PackagedFile> read(Path file, RpmHeader header) {
    List<String> names = names(file, header);
    int n = names.size();
    if (n == 0) {
      return List.of();
    }
    long[] modes = required(file, header, RpmTags.FILEMODES, n);
    long[] sizes = header.has(RpmTags.LONGFILESIZES)
        ? required(file, header, RpmTags.LONGFILESIZES, n)
        : required(file, header, RpmTags.FILESIZES, n);
    long[] flags = optional(file, header, RpmTags.FILEFLAGS, n);
    long[] devices = optional(file, header, RpmTags.FILEDEVICES, n);
    long[] inodes = optional(file, header, RpmTags.FILEINODES, n);
    List<String> links = optionalStrings(file, header, RpmTags.FILELINKTOS, n);
    List<String> digests = optionalStrings(file, header, RpmTags.FILEDIGESTS, n);
    DigestAlgorithm algorithm = DigestAlgorithm.MD5;
    if (header.has(RpmTags.FILEDIGESTALGO)) {
      long id = header.number(RpmTags.FILEDIGESTALGO).getAsLong();
      algorithm = DigestAlgorithm.fromRpmId(id);
      if (algorithm == null) {
        throw PackageProblems.atByte(file, header.dataOffset(RpmTags.FILEDIGESTALGO),
            "FILEDIGESTALGO " + id + " is no digest algorithm rpm writes",
            PackageProblems.DAMAGED);
      }
    }
    int[] holder = hardLinkHolders(modes, flags, devices, inodes);
    Set<String> seen = new HashSet<>();
    List<PackagedFile> files = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String path = names.get(i);
      if (path.isEmpty()) {
        continue;
      }
      if (!seen.add(path)) {
        throw PackageProblems.atEntry(file, path, "the header lists this file twice",
            PackageProblems.DAMAGED);
      }
      int mode = (int) modes[i];
      FileType type = type(file, path, mode);
      boolean ghost = (flags[i] & RPMFILE_GHOST) != 0;
      boolean config = (flags[i] & RPMFILE_CONFIG) != 0;
      Optional<String> target = Optional.empty();
      Optional<FileDigest> digest = Optional.empty();
      if (type == FileType.SYMLINK) {
        String link = links.isEmpty() ? "" : links.get(i);
        if (link.isEmpty()) {
          throw PackageProblems.atEntry(file, path, "a symbolic link without a target in"
              + " FILELINKTOS", PackageProblems.DAMAGED);
        }
        target = Optional.of(link);
      } else if (type == FileType.FILE) {
        String hex = digests.isEmpty() ? "" : digests.get(i);
        if (!hex.isEmpty()) {
          try {
            digest = Optional.of(new FileDigest(algorithm, hex));
          } catch (IllegalArgumentException e) {
            throw PackageProblems.atEntry(file, path, "FILEDIGESTS holds '" + hex + "', which is"
                + " no " + algorithm + " digest", PackageProblems.DAMAGED);
          }
        }
        if (holder[i] != i) {
          type = FileType.HARDLINK;
          target = Optional.of(names.get(holder[i]));
        }
      }
      if (sizes[i] < 0) {
        throw PackageProblems.atEntry(file, path, "LONGFILESIZES gives it a negative size",
            PackageProblems.DAMAGED);
      }
      long size = type == FileType.DIR ? 0 : sizes[i];
      files.add(new PackagedFile(path, type, mode, size, target, digest, config, ghost));
    }
    return files;
  }

  /** For each file the index of the file holding its content: itself, or its set's last member. */
  private static int[] hardLinkHolders(long[] modes, long[] flags, long[] devices, long[] inodes) {
    int n = modes.length;
    int[] holder = new int[n];
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < n; i++) {
      holder[i] = i;
      if (isLinkable(modes[i], flags[i]) && devices.length == n && inodes.length == n) {
        last.put(devices[i] + ":" + inodes[i], i);
      }
    }
    for (int i = 0; i < n; i++) {
      if (isLinkable(modes[i], flags[i]) && devices.length == n && inodes.length == n) {
        holder[i] = last.get(devices[i] + ":" + inodes[i]);
      }
    }
    return holder;
  }

  private static boolean isLinkable(long mode, long flags) {
    return (mode & PackagedFile.S_IFMT) == PackagedFile.S_IFREG && (flags & RPMFILE_GHOST) == 0;
  }

  private static FileType type(Path file, String path, int mode) {
    switch (mode & PackagedFile.S_IFMT) {
      case PackagedFile.S_IFREG:
        return FileType.FILE;
      case PackagedFile.S_IFDIR:
        return FileType.DIR;
      case PackagedFile.S_IFLNK:
        return FileType.SYMLINK;
      default:
        throw PackageProblems.atEntry(file, path, "mode 0" + Integer.toOctalString(mode)
            + " makes it a device, FIFO or socket, which rdmaforge never creates",
            "a kernel-module package needs none: " + PackageProblems.HOSTILE);
    }
  }

  private static List<String> names(Path file, RpmHeader header) {
    List<byte[]> raw = new ArrayList<>();
    if (header.has(RpmTags.BASENAMES)) {
      List<byte[]> bases = header.rawStrings(RpmTags.BASENAMES);
      List<byte[]> dirs = header.rawStrings(RpmTags.DIRNAMES);
      long[] indexes = required(file, header, RpmTags.DIRINDEXES, bases.size());
      for (int i = 0; i < bases.size(); i++) {
        if (indexes[i] >= dirs.size()) {
          throw PackageProblems.atByte(file, header.dataOffset(RpmTags.DIRINDEXES), "DIRINDEXES["
              + i + "] is " + indexes[i] + ", but DIRNAMES has " + dirs.size() + " names",
              PackageProblems.DAMAGED);
        }
        byte[] dir = dirs.get((int) indexes[i]);
        byte[] name = new byte[dir.length + bases.get(i).length];
        System.arraycopy(dir, 0, name, 0, dir.length);
        System.arraycopy(bases.get(i), 0, name, dir.length, bases.get(i).length);
        raw.add(name);
      }
    } else {
      raw.addAll(header.rawStrings(RpmTags.OLDFILENAMES));
    }
    List<String> names = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String name = utf8(file, header, raw.get(i));
      if (!name.startsWith("/")) {
        throw PackageProblems.atEntry(file, name, "the header's file names are absolute, this"
            + " one is not", PackageProblems.DAMAGED);
      }
      String path = PackagePaths.strip(name);
      if (path.isEmpty()) {
        names.add(path); // "/" itself, owned by packages such as filesystem: nothing to install
        continue;
      }
      String problem = PackagePaths.problem(path);
      if (problem != null) {
        throw PackageProblems.atEntry(file, name, problem, PackageProblems.HOSTILE);
      }
      names.add(path);
    }
    return names;
  }

  private static String utf8(Path file, RpmHeader header, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw PackageProblems.atByte(file, header.dataOffset(RpmTags.BASENAMES), "a file name is"
          + " not UTF-8: '" + new String(bytes, StandardCharsets.UTF_8) + "'",
          PackageProblems.DAMAGED);
    }
  }

  private static long[] required(Path file, RpmHeader header, int tag, int n) {
    if (!header.has(tag)) {
      throw PackageProblems.of(file, "the header lists " + n + " files but has no "
          + RpmTags.describe(tag), PackageProblems.DAMAGED);
    }
    return sized(file, header, tag, header.numbers(tag), n);
  }

  private static long[] optional(Path file, RpmHeader header, int tag, int n) {
    return header.has(tag) ? sized(file, header, tag, header.numbers(tag), n) : new long[n];
  }

  private static List<String> optionalStrings(Path file, RpmHeader header, int tag, int n) {
    if (!header.has(tag)) {
      return List.of();
    }
    List<String> values = header.strings(tag);
    if (values.size() != n) {
      throw countMismatch(file, header, tag, values.size(), n);
    }
    return values;
  }

  private static long[] sized(Path file, RpmHeader header, int tag, long[] values, int n) {
    if (values.length != n) {
      throw countMismatch(file, header, tag, values.length, n);
    }
    return values;
  }

  private static RuntimeException countMismatch(
      Path file, RpmHeader header, int tag, int count, int n) {
    return PackageProblems.atByte(file, header.dataOffset(tag), RpmTags.describe(tag) + " has "
        + count + " values for " + n + " files", PackageProblems.DAMAGED);
  }
}
