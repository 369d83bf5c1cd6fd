package dev.rdmaforge.image;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * An image's rpm database, asked through the host's {@code rpm} with {@code --root ROOT --dbpath
 * DBPATH}: rpm's database formats (sqlite, ndb, Berkeley DB) are rpm's to read. DBPATH is the
 * image's {@code /var/lib/rpm} resolved inside the root (Fedora links it to {@code
 * /usr/lib/sysimage/rpm}): rpm itself would follow an absolute link there to the host, and
 * without {@code --dbpath} Debian's rpm reads {@code ~/.rpmdb}, never the image's.
 */
final class RpmDatabase {
  private static final String FORMAT = "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\n";

  private final Path root;
  private final String dbpath;

  /**
   * @param root the image root (absolute)
   * @param dbpath the database directory as an absolute path inside the root
   */
  RpmDatabase(Path root, String dbpath) {
    this.root = root;
    this.dbpath = dbpath;
  }

  /**
   * The installed package that owns {@code path} (absolute inside the root), or empty when none
   * does.
   *
   * @throws UserInputException when rpm is not installed or cannot read the database
   */
  Optional<KernelPackage> owner(String path) {
    List<String> command =
        List.of("rpm", "--root", root.toString(), "--dbpath", dbpath, "-qf", path, "--qf", FORMAT);
    String out;
    String err;
    int exit;
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("LC_ALL", "C");
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process process = builder.start();
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(
          () -> readAll(process.getErrorStream()));
      out = readAll(process.getInputStream());
      exit = process.waitFor();
      err = stderr.join();
    } catch (IOException e) {
      throw new UserInputException(
          root + dbpath + ": the image has an rpm database, and rpm is needed to read it, but it"
              + " could not be run (" + e.getMessage() + "); install it with 'apt-get install -y"
              + " --no-install-recommends rpm' (Debian) or 'dnf install rpm'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
    if (exit != 0) {
      if (out.contains("is not owned by any package") || err.contains("is not owned by any package")
          || err.contains("No such file or directory")) {
        return Optional.empty();
      }
      throw new UserInputException(
          root + dbpath + ": rpm could not read the image's package database (`"
              + String.join(" ", command) + "` exited with " + exit + ": " + err.strip()
              + "); check that the root is a complete image");
    }
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 4) {
        OptionalLong epoch = f[1].equals("(none)")
            ? OptionalLong.empty()
            : OptionalLong.of(Long.parseLong(f[1]));
        return Optional.of(new KernelPackage(
            f[0], new PackageVersion(epoch, f[2], f[3]), PackageFormat.RPM));
      }
    }
    return Optional.empty();
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
