package dev.rdmaforge.build.plan;

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
import java.util.stream.Stream;

/**
 * The source RPMs of an MLNX_OFED bundle: {@code src/MLNX_OFED_SRC-VER.tgz} unpacked (as
 * mlnx_add_kernel_support.sh's {@code --ofed-sources} default {@code src/*_SRC*tgz}), every
 * {@code .src.rpm} below its {@code SRPMS/}, by file name: a binary package's {@code SOURCERPM}
 * tag is that file name.
 */
final class BundleSources {
  private BundleSources() {}

  /** File name to unpacked SRPM; {@code into} must be new or empty. */
  static Map<String, Path> unpack(Path bundleDir, Path into) {
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
          + " src/MLNX_OFED_SRC-VER.tgz: use the full bundle, not the binary-only one");
    }
    Path root = BundleArchives.unpackArchive(tgz.get(0), into);
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().endsWith(".src.rpm"))
          .filter(Files::isRegularFile)
          .forEach(p -> out.putIfAbsent(p.getFileName().toString(), p));
    } catch (IOException e) {
      throw new UserInputException(root + ": cannot be listed: " + e.getMessage(), e);
    }
    return out;
  }
}
