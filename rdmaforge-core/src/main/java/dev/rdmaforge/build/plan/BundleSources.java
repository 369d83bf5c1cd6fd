package dev.rdmaforge.build.plan;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.stack.BundleArchives;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The source packages of an MLNX_OFED bundle: {@code src/*_SRC*.tgz} unpacked (as
 * mlnx_add_kernel_support.sh's {@code --ofed-sources} default {@code src/*_SRC*tgz}).
 *
 * <ul>
 *   <li>RPM: every {@code .src.rpm} below it ({@code SRPMS/}), by file name: a binary package's
 *       {@code SOURCERPM} tag is that file name.
 *   <li>DEB: every {@code NAME_VERSION.orig.tar.gz} (or {@code .tar.xz}, {@code .tar.bz2}, {@code
 *       .tar.zst}) below it ({@code SOURCES/} of MLNX_OFED_SRC-debian), whose top directory holds
 *       {@code debian/}, by source name: a binary package's {@code Source} field names it.
 * </ul>
 */
final class BundleSources {
  private static final Pattern DEB_ARCHIVE =
      Pattern.compile("([a-z0-9][a-z0-9.+-]+)_[^_/]+\\.orig\\.tar\\.(gz|xz|bz2|zst)");

  private BundleSources() {}

  /** Source key to unpacked source file; {@code into} must be new or empty. */
  static Map<String, Path> unpack(Path bundleDir, Path into, PackageFormat format) {
    List<Path> tgz = new ArrayList<>();
    Path src = bundleDir.resolve("src");
    if (Files.isDirectory(src)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(src, "*_SRC*.tgz")) {
        s.forEach(tgz::add);
      } catch (IOException e) {
        throw new UserInputException(src + ": cannot be listed: " + e.getMessage(), e);
      }
    }
    if (tgz.size() != 1) {
      throw new UserInputException(bundleDir + ": " + (tgz.isEmpty() ? "no" : tgz.size())
          + " src/*_SRC*.tgz; the kernel packages are rebuilt from the bundle's"
          + " src/MLNX_OFED_SRC-" + (format == PackageFormat.DEB ? "debian-" : "")
          + "VER.tgz: use the full bundle, not the binary-only one");
    }
    Path root = BundleArchives.unpackArchive(tgz.get(0), into);
    Map<String, Path> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UserInputException(root + ": cannot be listed: " + e.getMessage(), e);
    }
    for (Path p : files) {
      String name = p.getFileName().toString();
      if (format == PackageFormat.RPM) {
        if (name.endsWith(".src.rpm")) {
          out.putIfAbsent(name, p);
        }
        continue;
      }
      Matcher m = DEB_ARCHIVE.matcher(name);
      if (m.matches()) {
        Path first = out.putIfAbsent(m.group(1), p);
        if (first != null) {
          throw new UserInputException(tgz.get(0) + ": two source archives of " + m.group(1)
              + " (" + root.relativize(first) + ", " + root.relativize(p) + "); a bundle's"
              + " source archive holds one version of each source");
        }
      }
    }
    return out;
  }
}
