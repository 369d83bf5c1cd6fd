package dev.rdmaforge.fabric.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * The three file operations of a render, each with as few system calls as the promise allows:
 * create a file in a fresh staging tree, tell whether an existing file already holds the bytes,
 * and replace a file through a temporary file and a rename.
 */
final class FileWrites {
  private static final OpenOption[] CREATE_NEW = {
    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE
  };
  private static final OpenOption[] TEMPORARY = {
    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
    LinkOption.NOFOLLOW_LINKS
  };
  private static final OpenOption[] READ = {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};

  /** Suffix of temporary files, with the process id so two renders never share one. */
  private static final String SUFFIX = "." + ProcessHandle.current().pid() + ".rdmaforge-tmp";

  private FileWrites() {}

  /**
   * Creates {@code target}, which must not exist: in a staging tree nobody else sees, so no
   * temporary file is needed (the whole tree appears at once). One open, one write, one close.
   */
  static void create(Path target, byte[] content) throws IOException {
    try (FileChannel ch = FileChannel.open(target, CREATE_NEW)) {
      writeAll(ch, content);
    }
  }

  /**
   * True if {@code target} is a regular file (not a link, not a pipe) holding exactly {@code
   * content}. Costs a stat, an open, a read and a close, and allocates no inode: on a disk,
   * re-rendering an unchanged tree is then a matter of reading it.
   */
  static boolean sameContent(Path target, byte[] content) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() != content.length) {
        return false;
      }
      ByteBuffer buf = ByteBuffer.allocate(content.length);
      try (FileChannel ch = FileChannel.open(target, READ)) {
        while (buf.hasRemaining()) {
          if (ch.read(buf) < 0) {
            return false;
          }
        }
      }
      return Arrays.equals(buf.array(), content);
    } catch (IOException ex) {
      // missing or unreadable: it is not the rendered file, so write it (and report that)
      return false;
    }
  }

  /**
   * Replaces {@code target} atomically: the bytes go to a hidden temporary file next to it, which
   * is renamed over it, so a reader or an interrupted render sees the old file or the new one,
   * never half of either. Missing parent directories are made through {@code dirs}.
   */
  static void replace(Path target, byte[] content, NodeDirectories dirs) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + SUFFIX);
    boolean moved = false;
    try {
      try (FileChannel ch = openTemporary(tmp, dirs)) {
        writeAll(ch, content);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write failed already; that failure is the one to report
        }
      }
    }
  }

  private static FileChannel openTemporary(Path tmp, NodeDirectories dirs) throws IOException {
    try {
      return FileChannel.open(tmp, TEMPORARY);
    } catch (NoSuchFileException ex) {
      // a node or directory new to this output; only then are directories made
      dirs.ensure(tmp.getParent());
      return FileChannel.open(tmp, TEMPORARY);
    }
  }

  private static void writeAll(FileChannel ch, byte[] content) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(content);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
