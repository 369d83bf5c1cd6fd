package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.modules.BuiltModules;
import dev.rdmaforge.testkit.modules.TestModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a kmod RPM with the real {@code rpmbuild}, shaped like a RHEL kmodtool package: modules in
 * {@code /lib/modules/RELEASE/extra/rdmaforge/}, a %config depmod.d file with override lines,
 * {@code Provides: kmod(NAME.ko)} per module (kmod.prov), the symbol requirements of {@link
 * KsymRequirements}, {@code Requires: kernel-uname-r}, {@code Requires(post): /usr/sbin/depmod}
 * and a %post running depmod. Automatic dependency generation is off: Debian's rpm has no kmod
 * generators, so the lists are computed here as RHEL's scripts compute them.
 *
 * <p>rpm refuses a second {@code -} in a dependency version, so {@code kernel-uname-r} spells the
 * Debian release with its last {@code -} as a {@code .} ({@code 6.1.0-56.amd64}), in the shape of
 * RHEL's {@code 5.14.0-362.el9.x86_64}.
 */
public final class KmodRpmBuilder {
  static final String VERSION = "1.0";
  static final String RELEASE = "1";

  private KmodRpmBuilder() {}

  /** {@code NAME-VERSION-RELEASE.x86_64.rpm}, as rpmbuild names it. */
  static String fileName(KmodPackage pkg) {
    return pkg.rpmName() + "-" + VERSION + "-" + RELEASE + ".x86_64.rpm";
  }

  /** The kernel release as an rpm version: the last {@code -} becomes {@code .}. */
  public static String unameVersion(String release) {
    int dash = release.lastIndexOf('-');
    return release.substring(0, dash) + "." + release.substring(dash + 1);
  }

  /** Builds {@code pkg} with {@code compression} into {@code out}; appends tool output to log. */
  static Path build(KmodPackage pkg, BuiltModules modules, Path kernelSymvers,
      String compression, Path work, Path out, StringBuilder log) throws IOException {
    String release = modules.release();
    Path root = Files.createDirectories(work.resolve("root"));
    String configFile = "etc/depmod.d/" + pkg.rpmName() + ".conf";
    StringBuilder overrides = new StringBuilder();
    for (TestModule module : pkg.modules()) {
      overrides.append("override ").append(module.moduleName()).append(' ').append(release)
          .append(" extra/rdmaforge\n");
    }
    List<Path> staged = StagedFiles.stage(pkg, modules, root, "extra/rdmaforge", configFile,
        overrides.toString(), "usr/share/doc/" + pkg.rpmName());
    Set<String> names = new HashSet<>();
    for (TestModule module : pkg.modules()) {
      names.add(module.moduleName());
    }
    Map<String, String> own = KsymRequirements.symvers(
        modules.symvers(pkg.modules().get(0).dir()), names);
    List<String> requires = KsymRequirements.lines(staged, own, kernelSymvers);
    Path spec = work.resolve(pkg.rpmName() + ".spec");
    Files.writeString(spec, spec(pkg, release, requires), StandardCharsets.UTF_8);
    return RpmBuild.binary(spec, work, compression, fileName(pkg), out, log);
  }

  private static String spec(KmodPackage pkg, String release, List<String> requires) {
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(pkg.rpmName()).append('\n');
    if (pkg.epoch() > 0) {
      s.append("Epoch: ").append(pkg.epoch()).append('\n');
    }
    s.append("Version: ").append(VERSION).append('\n');
    s.append("Release: ").append(RELEASE).append('\n');
    s.append("Summary: rdmaforge test modules (").append(pkg.baseName()).append(") for kernel ")
        .append(release).append('\n');
    s.append("License: GPL-2.0-only\nBuildArch: x86_64\nAutoReqProv: no\n");
    for (TestModule module : pkg.modules()) {
      s.append("Provides: kmod(").append(module.fileName()).append(")\n");
    }
    for (String line : requires) {
      s.append("Requires: ").append(line).append('\n');
    }
    s.append("Requires: kernel-uname-r = ").append(unameVersion(release)).append('\n');
    s.append("Requires(post): /usr/sbin/depmod\n");
    s.append("\n%description\nThe rdmaforge test kit's ").append(pkg.baseName())
        .append(" modules, packaged like a RHEL kmod package.\n");
    s.append("\n%install\ncp -a %{_sourcedir}/root/. %{buildroot}/\n");
    s.append("\n%post\n/usr/sbin/depmod -aeF /boot/System.map-").append(release).append(' ')
        .append(release).append(" > /dev/null || :\n");
    s.append("\n%files\n");
    String moduleDir = "/lib/modules/" + release + "/extra/rdmaforge";
    s.append("%dir ").append(moduleDir).append('\n');
    for (TestModule module : pkg.modules()) {
      s.append(moduleDir).append('/').append(module.fileName()).append('\n');
    }
    s.append("%config(noreplace) /etc/depmod.d/").append(pkg.rpmName()).append(".conf\n");
    if (pkg.hasLinks()) {
      s.append("/lib/modules/").append(release).append("/weak-updates/rdmaforge/")
          .append(pkg.modules().get(0).fileName()).append('\n');
      s.append("%doc /usr/share/doc/").append(pkg.rpmName()).append("/COPYING\n");
      s.append("%doc /usr/share/doc/").append(pkg.rpmName()).append("/LICENSE\n");
    }
    return s.toString();
  }
}
