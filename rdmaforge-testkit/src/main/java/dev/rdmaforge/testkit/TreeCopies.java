package dev.rdmaforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of module trees for tests, cheap enough for 390 MB kernels.
 *
 * <p>Module files ({@code *.ko}, {@code *.ko.xz}, {@code *.ko.zst}, {@code *.ko.gz}) are hard links
 * to the cached originals: both depmods only read them and write their outputs through a temporary
 * file and a rename, so a link is never written through. Every other file (the {@code modules.*}
 * inputs) is a real copy, so a tool that rewrote one in place could not damage the cache.
 *
 * <p>Readdir order matters to depmod (ties go to the first or last module scanned). On ext4 the
 * order is the hash order of the names under the file system's hash seed, so a copy on the same
 * file system lists in the same order as its source: checked on the development VM with {@code
 * find} on the 6.1.0-56 tree and its {@code cp -a} and {@code cp -al} copies (identical). Other
 * file systems (tmpfs: creation order) may differ, which is why {@link DepmodSideBySide} runs both
 * tools on the very same tree, one after the other, instead of on two copies.
 */
public final class TreeCopies {

  private TreeCopies() {}

  /**
   * Copies the module directory {@code modulesDir} of kernel {@code release} to {@code
   * baseDir/lib/modules/release} (the layout {@code depmod -b baseDir} expects), hard-linking
   * module files.
   *
   * @return the new module directory
   */
  public static Path linkCopy(Path modulesDir, Path baseDir, String release) {
    Path target = baseDir.resolve("lib/modules").resolve(release);
    copyTree(modulesDir, target);
    return target;
  }

  /** Copies the tree {@code source} to {@code target}, hard-linking module files. */
  public static void copyTree(Path source, Path target) {
    try {
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(target.resolve(source.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              copyEntry(file, target.resolve(source.relativize(file).toString()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Places one file: a symbolic link is recreated with the same target text, a module file is
   * hard-linked, anything else copied.
   */
  public static void copyEntry(Path file, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    if (Files.isSymbolicLink(file)) {
      Files.createSymbolicLink(to, Files.readSymbolicLink(file));
    } else if (isModuleFile(file)) {
      Files.createLink(to, file);
    } else {
      Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** Whether depmod treats {@code file} as a module, by its name. */
  public static boolean isModuleFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".ko")
        || name.endsWith(".ko.xz")
        || name.endsWith(".ko.zst")
        || name.endsWith(".ko.gz");
  }

  /**
   * Every entry below {@code root} as a relative path, depth first in readdir order (the order
   * depmod scans in; {@code find} lists the same), without following symbolic links.
   */
  public static List<String> readdirOrder(Path root) {
    List<String> entries = new ArrayList<>();
    walk(root, "", entries);
    return entries;
  }

  private static void walk(Path dir, String prefix, List<String> entries) {
    // DirectoryStream on Linux returns readdir order; nothing sorts it.
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        String relative = prefix + entry.getFileName();
        entries.add(relative);
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          walk(entry, relative + "/", entries);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
    }
  }
}
