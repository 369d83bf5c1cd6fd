package dev.rdmaforge.image;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image's dpkg database, read from its files as {@code dpkg-query --admindir
 * ROOT/var/lib/dpkg} reads them: {@code status} for the installed packages and their versions,
 * {@code info/PACKAGE.list} (or {@code PACKAGE:ARCH.list} for Multi-Arch: same packages) for the
 * files each ships. Only installed packages count ({@code Status: install ok installed}, or {@code
 * hold ok installed} for a kernel pinned with {@code apt-mark hold}); a removed kernel whose
 * configuration files remain owns nothing.
 */
final class DpkgDatabase {

  /** An installed package from {@code status}. */
  private record Installed(String name, String arch, PackageVersion version) {}

  private final Path admindir;
  private final List<Installed> installed;
  private Map<String, KernelPackage> bootFiles;

  private DpkgDatabase(Path admindir, List<Installed> installed) {
    this.admindir = admindir;
    this.installed = installed;
  }

  /**
   * Reads {@code admindir/status}.
   *
   * @throws UserInputException when it cannot be read or an entry is damaged
   */
  static DpkgDatabase read(Path admindir) {
    Path status = admindir.resolve("status");
    List<String> lines;
    try {
      lines = Files.readAllLines(status, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException(
          status + ": cannot read the image's dpkg status (" + e + "); check the image root", e);
    }
    List<Installed> installed = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Integer> fieldLines = new HashMap<>();
    String last = null;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          add(status, fields, fieldLines, i, installed);
          fields.clear();
          fieldLines.clear();
        }
        last = null;
        continue;
      }
      if (line.startsWith(" ") || line.startsWith("\t")) {
        if (last == null) {
          throw new UserInputException(
              status + ":" + (i + 1) + ": a continuation line with no field before it: the"
                  + " dpkg status file is damaged; restore it from status-old");
        }
        continue; // multi-line fields (Description, Conffiles) matter not here
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new UserInputException(
            status + ":" + (i + 1) + ": '" + line + "' is not a 'Field: value' line: the dpkg"
                + " status file is damaged; restore it from status-old");
      }
      last = line.substring(0, colon);
      fields.put(last, line.substring(colon + 1).strip());
      fieldLines.put(last, i + 1);
    }
    return new DpkgDatabase(admindir, List.copyOf(installed));
  }

  private static void add(Path status, Map<String, String> fields, Map<String, Integer> lines,
      int end, List<Installed> installed) {
    String name = fields.get("Package");
    if (name == null) {
      throw new UserInputException(
          status + ":" + end + ": an entry without a Package field: the dpkg status file is"
              + " damaged; restore it from status-old");
    }
    String[] status3 = fields.getOrDefault("Status", "").split("\\s+");
    if (status3.length != 3 || !status3[1].equals("ok") || !status3[2].equals("installed")) {
      return;
    }
    String versionText = fields.get("Version");
    if (versionText == null) {
      throw new UserInputException(
          status + ":" + lines.get("Package") + ": installed package " + name + " has no Version"
              + " field: the dpkg status file is damaged; restore it from status-old");
    }
    PackageVersion version = PackageVersion.parseDebian(
        status + ":" + lines.get("Version") + ": field Version of " + name, versionText);
    installed.add(new Installed(name, fields.getOrDefault("Architecture", ""), version));
  }

  /**
   * The installed package whose file list has {@code path} (absolute, as dpkg records it), for
   * paths below {@code /boot/}. The file lists are read once, on the first call.
   */
  Optional<KernelPackage> ownerOfBootFile(String path) {
    if (bootFiles == null) {
      bootFiles = readBootFiles();
    }
    return Optional.ofNullable(bootFiles.get(path));
  }

  private Map<String, KernelPackage> readBootFiles() {
    Map<String, KernelPackage> owners = new HashMap<>();
    Path info = admindir.resolve("info");
    for (Installed p : installed) {
      Path list = info.resolve(p.name() + ".list");
      if (!Files.isRegularFile(list)) {
        list = info.resolve(p.name() + ":" + p.arch() + ".list");
      }
      if (!Files.isRegularFile(list)) {
        continue; // a package with no files (a metapackage) has no list at all
      }
      List<String> files;
      try {
        files = Files.readAllLines(list, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserInputException(
            list + ": cannot read the file list of " + p.name() + " (" + e + "); check the image"
                + " root", e);
      }
      KernelPackage owner = new KernelPackage(p.name(), p.version(), PackageFormat.DEB);
      for (String file : files) {
        if (file.startsWith("/boot/")) {
          owners.putIfAbsent(file, owner);
        }
      }
    }
    return owners;
  }
}
