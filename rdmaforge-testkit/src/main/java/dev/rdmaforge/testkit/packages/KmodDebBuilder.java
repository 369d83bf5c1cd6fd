package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.modules.BuiltModules;
import dev.rdmaforge.testkit.modules.TestModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a kmod DEB with the real {@code dpkg-deb --build}, shaped like a DKMS {@code mkbmdeb}
 * package: modules in {@code lib/modules/RELEASE/updates/dkms/}, a modprobe.d conffile, md5sums
 * for every regular file that is no conffile (as dh_md5sums writes them), a postinst running
 * depmod, and a control file whose Depends has an alternative and whose Description continues
 * over several lines.
 */
final class KmodDebBuilder {
  static final String VERSION = "1.0-1";

  private KmodDebBuilder() {}

  /** {@code NAME_VERSION_amd64.deb} without the epoch, as dpkg-name writes it. */
  static String fileName(KmodPackage pkg, String release) {
    return pkg.debName(release) + "_" + VERSION + "_amd64.deb";
  }

  /** Builds {@code pkg} with {@code compression} (xz, zstd, gzip, none) into {@code out}. */
  static Path build(KmodPackage pkg, BuiltModules modules, String compression, Path work,
      Path out, StringBuilder log) throws IOException {
    String release = modules.release();
    Path root = Files.createDirectories(work.resolve("pkg"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    String conffile = "etc/modprobe.d/" + pkg.baseName() + ".conf";
    StagedFiles.stage(pkg, modules, root, "updates/dkms", conffile,
        "# rdmaforge test package " + pkg.debName(release) + "\n",
        "usr/share/doc/" + pkg.debName(release));
    Path debian = StagedFiles.directories(root, "DEBIAN");
    Files.writeString(debian.resolve("control"), control(pkg, release), StandardCharsets.UTF_8);
    Files.writeString(debian.resolve("conffiles"), "/" + conffile + "\n", StandardCharsets.UTF_8);
    Files.writeString(debian.resolve("md5sums"), md5sums(root, conffile), StandardCharsets.UTF_8);
    Path postinst = debian.resolve("postinst");
    Files.writeString(postinst, "#!/bin/sh\nset -e\nif [ \"$1\" = configure ]; then\n"
        + "  depmod -a " + release + "\nfi\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(postinst, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String file : List.of("control", "conffiles", "md5sums")) {
      Files.setPosixFilePermissions(debian.resolve(file),
          PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path target = Files.createDirectories(out).resolve(fileName(pkg, release));
    Path dpkgDeb = Tools.require("dpkg-deb", "dpkg");
    ProcessResult result = Processes.run(work, List.of(dpkgDeb.toString(), "--root-owner-group",
        "-Z" + compression, "--build", root.toString(), target.toString()));
    log.append(result.describe()).append('\n');
    if (result.exitCode() != 0) {
      throw new IllegalStateException("dpkg-deb failed for " + pkg + ":\n" + result.describe());
    }
    return target;
  }

  private static String control(KmodPackage pkg, String release) {
    StringBuilder names = new StringBuilder();
    for (TestModule module : pkg.modules()) {
      names.append(names.length() == 0 ? "" : ", ").append(module.moduleName());
    }
    return "Package: " + pkg.debName(release) + "\n"
        + "Version: " + (pkg.epoch() > 0 ? pkg.epoch() + ":" : "") + VERSION + "\n"
        + "Architecture: amd64\n"
        + "Maintainer: rdmaforge test kit <rdmaforge@example.invalid>\n"
        + "Depends: linux-image-" + release + " | linux-image-amd64, kmod\n"
        + "Provides: " + pkg.baseName() + "-modules (= " + VERSION + ")\n"
        + "Section: kernel\n"
        + "Priority: optional\n"
        + "Description: rdmaforge test modules (" + pkg.baseName() + ") for Linux " + release
        + "\n Built by the rdmaforge test kit from its test module sources.\n .\n Modules: "
        + names + ".\n";
  }

  private static String md5sums(Path root, String conffile) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !root.relativize(p).startsWith("DEBIAN"))
          .filter(p -> !root.relativize(p).toString().equals(conffile))
          .sorted()
          .forEach(files::add);
    }
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      text.append(md5(file)).append("  ").append(root.relativize(file)).append('\n');
    }
    return text.toString();
  }

  private static String md5(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md5.digest());
  }
}
