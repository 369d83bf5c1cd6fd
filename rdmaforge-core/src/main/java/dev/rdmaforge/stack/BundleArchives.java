package dev.rdmaforge.stack;

import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.report.UserInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Unpacks an MLNX_OFED bundle's {@code .tgz} with the same path rules as package extraction
 * (dev.rdmaforge.pkg): no absolute names and no {@code ..} components, nothing written through a
 * symbolic link, no link that leads out of the output directory (absolute targets, relative ones
 * climbing above it, alone or as a chain), hard links only to files of the same archive, and only
 * directories, files and links (no devices or FIFOs). Nothing is ever written outside the output
 * directory; on a refusal what was written stays inside it for the caller to delete.
 */
public final class BundleArchives {
  private BundleArchives() {}

  /**
   * Unpacks {@code tgz} into {@code into} (absent or empty) and returns the bundle directory: the
   * one holding the version file, {@code into} itself or its single top-level directory.
   */
  public static Path unpack(Path tgz, Path into) {
    return bundleDir(tgz, unpackArchive(tgz, into));
  }

  /**
   * Unpacks any tar archive, plain or compressed with gzip, xz, bzip2 or zstd (a bundle's {@code
   * src/MLNX_OFED_SRC-VER.tgz}, a Debian {@code .orig.tar.xz}) into {@code into}
   * (absent or empty) with the same rules, and returns {@code into}'s real path.
   */
  public static Path unpackArchive(Path tgz, Path into) {
    Path root = prepare(tgz, into);
    List<Path> links = new ArrayList<>();
    try (InputStream file = Files.newInputStream(tgz);
        TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(tgz,
            new BufferedInputStream(file, 1 << 16)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String name = safeName(tgz, e.getName());
        if (name.isEmpty()) {
          continue; // "./" itself
        }
        Path target = root.resolve(name);
        parentDirectories(tgz, root, name);
        if (e.isDirectory()) {
          if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
          }
          setMode(target, e.getMode() | 0700);
        } else if (e.isSymbolicLink()) {
          symlink(tgz, root, name, e.getLinkName());
          links.add(target);
        } else if (e.isLink()) {
          Path existing = root.resolve(safeName(tgz, e.getLinkName()));
          if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(tgz, name, "a hard link to '" + e.getLinkName() + "', which is not a"
                + " file unpacked before it");
          }
          Files.deleteIfExists(target);
          Files.createLink(target, existing);
        } else if (e.isFile()) {
          refuseLink(tgz, target, name);
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
            tar.transferTo(out);
          }
          setMode(target, e.getMode() | 0600);
        } else {
          throw refused(tgz, name, "a device, FIFO or other special file");
        }
      }
    } catch (IOException e) {
      throw new UserInputException(tgz + ": cannot unpack into " + into + ": " + e.getMessage()
          + "; check that the .tgz is complete (download it again) and the directory writable",
          e);
    }
    verifyLinks(tgz, root, links);
    return root;
  }

  /**
   * The tar stream inside {@code in}: compressed with gzip, xz, bzip2 or zstd (found by their
   * magic numbers: Debian source archives come as .orig.tar.gz, .tar.xz, ...), or plain.
   */
  private static InputStream decompressed(Path archive, InputStream in) throws IOException {
    String kind;
    try {
      kind = CompressorStreamFactory.detect(in);
    } catch (CompressorException e) {
      return in; // no compression magic: a plain tar (the tar reader checks the rest)
    }
    return switch (kind) {
      case CompressorStreamFactory.GZIP -> new GzipCompressorInputStream(in, true);
      case CompressorStreamFactory.XZ -> new XZCompressorInputStream(in, true);
      case CompressorStreamFactory.BZIP2 -> new BZip2CompressorInputStream(in, true);
      case CompressorStreamFactory.ZSTANDARD -> new ZstdCompressorInputStream(in);
      default -> throw new UserInputException(archive + ": compressed with " + kind
          + ", which rdmaforge does not unpack; give a tar archive compressed with gzip, xz,"
          + " bzip2 or zstd");
    };
  }

  private static Path prepare(Path tgz, Path into) {
    try {
      Files.createDirectories(into);
      try (Stream<Path> s = Files.list(into)) {
        if (s.findAny().isPresent()) {
          throw new UserInputException(into + ": not empty; give an empty or new directory to"
              + " unpack " + tgz.getFileName() + " into");
        }
      }
      return into.toRealPath();
    } catch (IOException e) {
      throw new UserInputException(into + ": cannot be made: " + e.getMessage(), e);
    }
  }

  /** The entry name as a relative path: {@code ./} and {@code /} stripped, checked. */
  static String safeName(Path tgz, String raw) {
    String name = raw;
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    if (name.equals(".")) {
      return "";
    }
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.startsWith("/")) {
      throw refused(tgz, raw, "an absolute name, which would be written outside the directory");
    }
    if (name.indexOf('\0') >= 0) {
      throw refused(tgz, raw, "a NUL byte in the name");
    }
    for (String c : name.split("/", -1)) {
      if (c.equals("..")) {
        throw refused(tgz, raw, "a '..' component, which would climb out of the directory");
      }
      if (c.isEmpty() || c.equals(".")) {
        throw refused(tgz, raw, "an empty or '.' component");
      }
    }
    return name;
  }

  /** Creates the entry's parent directories, never passing through a symbolic link. */
  private static void parentDirectories(Path tgz, Path root, String name) throws IOException {
    String[] parts = name.split("/");
    Path dir = root;
    for (int i = 0; i < parts.length - 1; i++) {
      dir = dir.resolve(parts[i]);
      if (Files.isSymbolicLink(dir)) {
        throw refused(tgz, name, "its way passes the symbolic link '" + root.relativize(dir)
            + "'; nothing is written through a link");
      }
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(dir);
      } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(tgz, name, "'" + root.relativize(dir) + "' is a file, not a directory");
      }
    }
  }

  private static void symlink(Path tgz, Path root, String name, String target)
      throws IOException {
    if (target.startsWith("/")) {
      throw refused(tgz, name, "a symbolic link to the absolute path '" + target + "', which"
          + " leads out of the directory");
    }
    Path link = root.resolve(name);
    Path lexical = link.getParent().resolve(target).normalize();
    if (!lexical.startsWith(root)) {
      throw refused(tgz, name, "a symbolic link -> '" + target + "' that climbs above the"
          + " directory");
    }
    refuseLink(tgz, link, name);
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of(target));
  }

  private static void refuseLink(Path tgz, Path target, String name) {
    if (Files.isSymbolicLink(target)) {
      throw refused(tgz, name, "it would replace or write through the symbolic link unpacked"
          + " before it");
    }
  }

  /** Follows every link made: a chain of in-directory links must still end inside it. */
  private static void verifyLinks(Path tgz, Path root, List<Path> links) {
    for (Path link : links) {
      try {
        Path real = link.toRealPath();
        if (!real.startsWith(root)) {
          Files.deleteIfExists(link);
          throw refused(tgz, root.relativize(link).toString(), "a symbolic link that, followed"
              + " through other links, leads to " + real + " outside the directory");
        }
      } catch (java.nio.file.NoSuchFileException dangling) {
        // a dangling link points nowhere: harmless, and the bundle reader reports it if used
      } catch (IOException e) {
        throw refused(tgz, root.relativize(link).toString(), "a symbolic link that cannot be"
            + " followed (" + e.getMessage() + ")");
      }
    }
  }

  private static Path bundleDir(Path tgz, Path root) {
    if (Repositories.layout(root) == RepositoryLayout.MLNX_OFED) {
      return root;
    }
    List<Path> top;
    try (Stream<Path> s = Files.list(root)) {
      top = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    } catch (IOException e) {
      throw new UserInputException(root + ": cannot be listed: " + e.getMessage(), e);
    }
    if (top.size() == 1 && Repositories.layout(top.get(0)) == RepositoryLayout.MLNX_OFED) {
      return top.get(0);
    }
    throw new UserInputException(tgz + ": not an MLNX_OFED bundle: neither the archive's top"
        + " nor its single top directory holds a version file (.mlnx or mlnx) and RPMS/ or"
        + " DEBS/; give the MLNX_OFED_LINUX-VER-DISTRO-ARCH.tgz Mellanox ships");
  }

  private static UserInputException refused(Path tgz, String entry, String what) {
    return new UserInputException(tgz + "!" + entry + ": refused: " + what + "; the archive is"
        + " damaged or hostile: get the bundle again from its vendor");
  }

  private static void setMode(Path p, int mode) throws IOException {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(bits[i]);
      }
    }
    Files.setPosixFilePermissions(p, set);
  }
}
