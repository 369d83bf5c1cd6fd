package dev.rdmaforge.testkit.pkgroot;

import dev.rdmaforge.testkit.packages.RpmBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RPM for the package-root tests, built with the real {@code rpmbuild} ({@link RpmBuild}): the
 * files given (module files copied from anywhere, text files), and optionally the {@code %post}
 * RHEL's kmodtool writes for a kmod package: depmod for the home kernel, then the package's
 * modules piped to {@code weak-modules --add-modules}. No dependencies are declared (the tests
 * install with {@code --nodeps}).
 *
 * <pre>
 * Path rpm = new RootRpm("kmod-mlnx", "1.0")
 *     .copy("lib/modules/" + release + "/extra/mlnx/ib_core.ko", inTreeIbCore)
 *     .text("etc/modprobe.d/rdma.conf", "# mlnx\n")
 *     .kmodtoolPost(release, "mlnx")
 *     .build(workDir, outDir);
 * </pre>
 */
public final class RootRpm {
  private final String name;
  private final String version;
  private final Map<String, Object> files = new LinkedHashMap<>(); // path -> Path or String
  private String post;

  public RootRpm(String name, String version) {
    this.name = name;
    this.version = version;
  }

  /** Ships {@code source}'s content at {@code path} (no leading slash), mode 0644. */
  public RootRpm copy(String path, Path source) {
    files.put(path, source);
    return this;
  }

  /** Ships {@code content} at {@code path}, mode 0644. */
  public RootRpm text(String path, String content) {
    files.put(path, content);
    return this;
  }

  /**
   * The {@code %post} of RHEL's kmodtool ({@code redhat-rpm-config}) for a kmod built for {@code
   * release}: {@code depmod -aeF System.map} when the kernel's map exists, then {@code find
   * /lib/modules/RELEASE/extra/KMOD | grep '\.ko$'} piped to {@code weak-modules --add-modules}.
   */
  public RootRpm kmodtoolPost(String release, String kmodName) {
    post = "if [ -e \"/boot/System.map-" + release + "\" ]; then\n"
        + "    /usr/sbin/depmod -aeF \"/boot/System.map-" + release + "\" \"" + release
        + "\" > /dev/null || :\n"
        + "fi\n"
        + "modules=( $(find /lib/modules/" + release + "/extra/" + kmodName
        + " | grep '\\.ko$') )\n"
        + "if [ -x \"/usr/sbin/weak-modules\" ]; then\n"
        + "    printf '%s\\n' \"${modules[@]}\" \\\n"
        + "    | /usr/sbin/weak-modules --add-modules\n"
        + "fi\n";
    return this;
  }

  /** {@code NAME-VERSION-1.x86_64.rpm}. */
  public String fileName() {
    return name + "-" + version + "-1.x86_64.rpm";
  }

  /** Builds the package in {@code work} (a new directory) and moves it into {@code out}. */
  public Path build(Path work, Path out) {
    try {
      Path root = Files.createDirectories(work.resolve("root"));
      List<String> listed = new ArrayList<>();
      for (Map.Entry<String, Object> f : files.entrySet()) {
        Path target = root.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        if (f.getValue() instanceof Path source) {
          Files.copy(source, target);
        } else {
          Files.writeString(target, (String) f.getValue(), StandardCharsets.UTF_8);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        listed.add("/" + f.getKey());
      }
      StringBuilder spec = new StringBuilder();
      spec.append("Name: ").append(name).append("\nVersion: ").append(version)
          .append("\nRelease: 1\nSummary: rdmaforge package-root test package ").append(name)
          .append("\nLicense: GPL-2.0-only\nBuildArch: x86_64\nAutoReqProv: no\n")
          .append("\n%description\nA package-root test package.\n")
          .append("\n%install\ncp -a %{_sourcedir}/root/. %{buildroot}/\n");
      if (post != null) {
        spec.append("\n%post\n").append(post);
      }
      spec.append("\n%files\n");
      for (String path : listed) {
        spec.append(path).append('\n');
      }
      Path specFile = work.resolve(name + ".spec");
      Files.writeString(specFile, spec, StandardCharsets.UTF_8);
      return RpmBuild.binary(specFile, work, "zstd", fileName(), out, new StringBuilder());
    } catch (IOException e) {
      throw new UncheckedIOException("could not build " + fileName() + " in " + work, e);
    }
  }
}
