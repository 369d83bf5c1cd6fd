package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Errno;
import dev.rdmaforge.kmod.ModuleReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * kmod's {@code depmod -A}: the work is skipped when no module file under the module directory is
 * newer (whole seconds) than modules.dep. Like kmod it skips {@code build} and {@code source} but
 * not the configured excludes, and does not look at external directories.
 */
public final class QuickCheck {
  private QuickCheck() {}

  /** Whether modules.dep is up to date; errors count as "not up to date", as in kmod. */
  public static boolean upToDate(DepmodRequest request, DepmodLog log) {
    String dirname = request.dirname();
    Path dir;
    long depTime;
    try {
      dir = request.view().physical(dirname);
      if (!Files.isDirectory(dir)) {
        throw new java.nio.file.NoSuchFileException(dirname);
      }
    } catch (IOException e) {
      log.log(Level.ERROR, "could not open directory " + dirname + ": " + Errno.message(e) + "\n");
      return false;
    }
    try {
      depTime =
          Files.getLastModifiedTime(dir.resolve("modules.dep")).toMillis() / 1000;
    } catch (IOException e) {
      log.log(
          Level.ERROR,
          "could not fstatat(" + dirname + ", modules.dep): " + Errno.message(e) + "\n");
      return false;
    }
    return upToDate(dir, depTime);
  }

  private static boolean upToDate(Path dir, long depTime) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (name.equals("build") || name.equals("source")) {
          continue;
        }
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(e, BasicFileAttributes.class);
        } catch (IOException ex) {
          continue;
        }
        if (a.isDirectory()) {
          if (!upToDate(e, depTime)) {
            return false;
          }
        } else if (a.isRegularFile() && ModuleReader.isModuleFileName(name)) {
          if (a.lastModifiedTime().toMillis() / 1000 > depTime) {
            return false;
          }
        }
      }
    } catch (IOException e) {
      return true; // kmod ignores directories it cannot open here
    }
    return true;
  }
}
