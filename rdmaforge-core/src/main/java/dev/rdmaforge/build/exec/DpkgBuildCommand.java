package dev.rdmaforge.build.exec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dpkg-buildpackage} run of a Debian step, in the unpacked source tree inside its build
 * root: binary packages only, unsigned, build dependencies not checked ({@code -b -us -uc -d}: the
 * build root installs nothing, as rpmbuild's {@code --nodeps}), the packages written beside the
 * tree. The kernel comes in the environment, with the names MLNX_OFED's install.pl gives a
 * non-DKMS build: {@code kernelver}, {@code kernel_source_dir} and {@code without_dkms=1}; a
 * dependent also gets {@code o2ib_path} (the provider's devel tree, or what a {@code
 * --with-o2ib=PATH} option says) and {@code configure_args} (its options), the names its RPM
 * build gets as defines.
 */
final class DpkgBuildCommand {
  private DpkgBuildCommand() {}

  /** The command line. */
  static List<String> command() {
    return List.of("dpkg-buildpackage", "-b", "-us", "-uc", "-d");
  }

  /** The environment added to the step's own ({@code TMPDIR}, {@code LC_ALL}). */
  static Map<String, String> environment(String release, Path headers,
      Optional<Path> providerDevel, List<String> options) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("kernelver", release);
    env.put("kernel_source_dir", headers.toString());
    env.put("without_dkms", "1");
    if (providerDevel.isPresent()) {
      env.put("o2ib_path", RpmbuildCommand.o2ibPath(providerDevel.get(), options));
      if (!options.isEmpty()) {
        env.put("configure_args", String.join(" ", options));
      }
    }
    return env;
  }
}
