package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.modules.BuiltModules;
import dev.rdmaforge.testkit.modules.TestModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one kmod package laid out below a staging root, the same for RPM and DEB except
 * for where the modules go ({@code extra/rdmaforge} like RHEL's kmodtool, {@code updates/dkms}
 * like DKMS's Debian packages) and the name of the configuration file.
 */
final class StagedFiles {
  private StagedFiles() {}

  /**
   * Stages {@code pkg}'s files below {@code root}.
   *
   * @param moduleDir e.g. {@code extra/rdmaforge}, below {@code lib/modules/RELEASE}
   * @param configFile the package's configuration file path below root, e.g. {@code
   *     etc/depmod.d/kmod-rdmaforge-provider.conf}
   * @param docDir the documentation directory below root (for the hard-linked pair)
   * @return the staged module files, in package order
   */
  static List<Path> stage(KmodPackage pkg, BuiltModules modules, Path root, String moduleDir,
      String configFile, String configText, String docDir) throws IOException {
    String release = modules.release();
    Path dir = directories(root, "lib/modules/" + release + "/" + moduleDir);
    List<Path> staged = new ArrayList<>();
    for (TestModule module : pkg.modules()) {
      Path target = dir.resolve(module.fileName());
      Files.copy(modules.module(module), target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      staged.add(target);
    }
    Path config = directories(root, configFile.substring(0, configFile.lastIndexOf('/')))
        .resolve(configFile.substring(configFile.lastIndexOf('/') + 1));
    Files.writeString(config, configText, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    if (pkg.hasLinks()) {
      // A link as RHEL's weak-modules creates them; shipped here to put a link in the package.
      Path weak = directories(root, "lib/modules/" + release + "/weak-updates/rdmaforge");
      String first = pkg.modules().get(0).fileName();
      Files.createSymbolicLink(weak.resolve(first),
          Path.of("../../" + moduleDir + "/" + first));
      Path docs = directories(root, docDir);
      Path copying = docs.resolve("COPYING");
      Files.writeString(copying, "GPL-2.0-only\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(copying, PosixFilePermissions.fromString("rw-r--r--"));
      Files.createLink(docs.resolve("LICENSE"), copying);
    }
    return staged;
  }

  /** Creates {@code relative} below {@code root} with mode 0755 on every level. */
  static Path directories(Path root, String relative) throws IOException {
    Path dir = root;
    for (String part : relative.split("/")) {
      dir = dir.resolve(part);
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    return dir;
  }
}
