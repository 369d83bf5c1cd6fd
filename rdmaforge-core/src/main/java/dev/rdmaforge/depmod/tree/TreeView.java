package dev.rdmaforge.depmod.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How depmod sees the filesystem. kmod's own {@code depmod -b BASEDIR} works on host paths and
 * follows symlinks on the host ({@link #host()}); an image root seen as its own booted system
 * ({@link #chroot(Path)}) resolves absolute paths and absolute symlinks inside the root, as
 * {@code chroot ROOT depmod} does. Paths passed around are "logical": the strings depmod itself
 * would print.
 */
public interface TreeView {

  /** The host path to open for a logical path, following symlinks as this view does. */
  Path physical(String logicalPath) throws IOException;

  /**
   * This view for one pass over a tree: the same answers, but directories resolved once are
   * remembered, so the directories must not change while it is used. Views without symlink work
   * of their own return themselves.
   */
  default TreeView withDirectoryMemo() {
    return this;
  }

  /**
   * The attributes of a logical path, following symlinks as this view does, or null when it does
   * not exist (a dangling link included).
   */
  default BasicFileAttributes stat(String logicalPath) {
    try {
      return Files.readAttributes(physical(logicalPath), BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** kmod's view: host paths, host symlinks. */
  static TreeView host() {
    return logical -> Path.of(logical);
  }

  /** An image root seen from inside, as {@code chroot ROOT} would see it. */
  static TreeView chroot(Path root) {
    return new ChrootView(root);
  }

  /** Attributes of a host path without following a final symlink; null when absent. */
  static BasicFileAttributes lstat(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }
}
