package dev.rdmaforge.depmod.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** glibc's strerror text for the I/O failures kmod reports with {@code %m}. */
public final class Errno {
  private Errno() {}

  /** The text kmod's {@code %m} would print for this failure. */
  public static String message(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "Not a directory";
    }
    if (e instanceof FileSystemException) {
      String reason = ((FileSystemException) e).getReason();
      if (reason != null) {
        if (reason.contains("symbolic links")) {
          return "Too many levels of symbolic links";
        }
        if (reason.contains("Is a directory")) {
          return "Is a directory";
        }
        return reason;
      }
    }
    String m = e.getMessage();
    return m == null ? "Input/output error" : m;
  }
}
