package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.DepmodOutputs.OutputFile;
import dev.rdmaforge.depmod.config.Errno;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes depmod's files as kmod does: each to a temporary name in the module directory ({@code
 * NAME.PID.USEC.SEC}, mode 0644) and then renamed over the old one, so a reader never sees half a
 * file and a hard-linked copy of a tree is never written through.
 */
public final class DepmodWriter {
  private DepmodWriter() {}

  /** Writes every file into {@code moduleDir}; returns false when kmod would exit non-zero. */
  public static boolean write(List<OutputFile> files, Path moduleDir, String dirname, DepmodLog log)
      throws DepmodFailure {
    if (!Files.isDirectory(moduleDir)) {
      throw new DepmodFailure(
          "could not open directory " + dirname + ": No such file or directory");
    }
    long now = System.currentTimeMillis();
    long pid = ProcessHandle.current().pid();
    String suffix = "." + pid + "." + (now % 1000) * 1000 + "." + now / 1000;
    for (OutputFile f : files) {
      if (f.content() == null) {
        return false; // the renderer already logged kmod's "Could not write index"
      }
      Path tmp = moduleDir.resolve(f.name() + suffix);
      try {
        try (OutputStream out =
            Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          out.write(f.content());
        }
        setMode(tmp);
      } catch (IOException e) {
        log.log(
            Level.ERROR,
            "openat(" + dirname + ", " + f.name() + suffix + ", 301, 644): " + Errno.message(e)
                + "\n");
        deleteQuietly(tmp);
        continue;
      }
      try {
        Files.move(tmp, moduleDir.resolve(f.name()), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteQuietly(tmp);
        throw new DepmodFailure(
            "renameat(" + dirname + ", " + f.name() + suffix + ", " + dirname + ", " + f.name()
                + "): " + Errno.message(e));
      }
    }
    return true;
  }

  /** kmod's -n: the text files, one after the other, to {@code out}; binary ones are skipped. */
  public static void print(List<OutputFile> files, OutputStream out) throws IOException {
    for (OutputFile f : files) {
      if (!f.binary() && f.content() != null) {
        out.write(f.content());
      }
    }
    out.flush();
  }

  private static void setMode(Path p) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException | UnsupportedOperationException e) {
      // kmod asks for 0644 (less the umask); a filesystem without POSIX modes keeps its own.
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more to do: the temporary name is unique to this run
    }
  }
}
