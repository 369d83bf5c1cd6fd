package dev.rdmaforge.build.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Copying, packing and deleting directory trees; links are kept as links, never followed. */
final class TreeFiles {
  private TreeFiles() {}

  /**
   * Packs {@code dir} as {@code NAME/...} (its own name first) into a gzip'ed tar at {@code tgz},
   * names sorted, owner root, as the vendor's {@code tar czf} of the bundle.
   */
  static void tgz(Path dir, Path tgz) throws IOException {
    Path base = dir.getParent();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tgz), 1 << 16);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(
            new GzipCompressorOutputStream(file))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      List<Path> all;
      try (Stream<Path> s = Files.walk(dir)) {
        all = s.sorted(Comparator.comparing(Path::toString)).toList();
      }
      for (Path p : all) {
        String name = base.relativize(p).toString();
        TarArchiveEntry e;
        if (Files.isSymbolicLink(p)) {
          e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
          e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          e = new TarArchiveEntry(name + "/");
        } else {
          // Built from the name only: the File constructor adds PAX creation/access times that
          // GNU tar warns about ("unknown extended header keyword").
          e = new TarArchiveEntry(name);
          e.setSize(Files.size(p));
        }
        e.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        if (!Files.isSymbolicLink(p)) {
          e.setMode(mode(p) | (Files.isDirectory(p) ? 040000 : 0100000));
        }
        tar.putArchiveEntry(e);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static int mode(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int m = 0;
    for (PosixFilePermission x : perms) {
      m |= 1 << (8 - x.ordinal());
    }
    return m;
  }

  /** Deletes {@code dir} and everything below it, links not followed; absent is fine. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
