package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes package entries below an output root and nowhere else. rdmaforge resolves every path
 * itself, one component at a time, without letting the operating system follow a symbolic link:
 * a link met on the way is read and its target walked inside the root (relative targets from the
 * link's directory, absolute ones from the root when {@link AbsoluteSymlinks#IMAGE} allows them);
 * a {@code ..} above the root is an error. The last component is never followed: files and links
 * are written under a temporary name in their real directory and renamed over it, which replaces
 * a link instead of writing through it. After a run that created links, every relative link of the
 * tree is walked again, so that links that only escape together (a chain) are caught too.
 */
final class OutputTree {
  /** Linux's MAXSYMLINKS: more links on one path is a loop. */
  static final int MAX_HOPS = 40;

  private final Path file;
  private final Path root;
  private final AbsoluteSymlinks policy;

  /** @param root the output root's real path */
  OutputTree(Path file, Path root, AbsoluteSymlinks policy) {
    this.file = file;
    this.root = root;
    this.policy = policy;
  }

  /** Writes a regular file from {@code content}; returns its real path. */
  Path writeFile(PackagedFile f, InputStream content) {
    Path dir = parent(f);
    Path target = dir.resolve(name(f));
    refuseDirectory(f, target);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, ".rdmaforge-", ".part");
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.transferTo(out);
      }
      Files.setPosixFilePermissions(temp, permissions(f.mode() & 0777));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return target;
    } catch (IOException e) {
      throw cannotWrite(f, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Creates a directory (or finds it, through in-root links); returns its real path. */
  Path directory(PackagedFile f) {
    List<String> real = walk(List.of(), components(f.path()), true, Subject.of(f));
    Path dir = at(real);
    try {
      Files.setPosixFilePermissions(dir, permissions((f.mode() & 0777) | 0700));
    } catch (IOException e) {
      throw cannotWrite(f, e);
    }
    return dir;
  }

  /** Creates a symbolic link after checking where it leads. */
  void symlink(PackagedFile f) {
    String target = f.linkTarget().orElseThrow();
    Path dir = parent(f);
    if (target.startsWith("/") && policy == AbsoluteSymlinks.REFUSE) {
      throw PackageProblems.atEntry(file, f.path(), "a symbolic link to the absolute path '"
          + target + "': followed on this machine it leaves the output root",
          "extract only the files you need (for modules: PathSelection.moduleFiles()), or treat"
          + " the output as an image root where absolute links resolve inside it");
    }
    if (target.indexOf('\0') >= 0) {
      throw PackageProblems.atEntry(file, f.path(), "the link target contains a NUL byte",
          PackageProblems.DAMAGED);
    }
    if (!target.startsWith("/")) {
      walk(relative(dir), components(target), false, new Subject(f.path(), target));
    }
    Path link = dir.resolve(name(f));
    refuseDirectory(f, link);
    Path temp = dir.resolve(".rdmaforge-" + UUID.randomUUID() + ".link");
    try {
      Files.createSymbolicLink(temp, Path.of(target));
      Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw cannotWrite(f, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Creates a hard link to {@code existing}, a file this extraction wrote. */
  void hardLink(PackagedFile f, Path existing) {
    Path dir = parent(f);
    Path link = dir.resolve(name(f));
    refuseDirectory(f, link);
    Path temp = dir.resolve(".rdmaforge-" + UUID.randomUUID() + ".link");
    try {
      Files.createLink(temp, existing);
      Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw cannotWrite(f, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Walks every relative symbolic link of the tree; one that leads out of the root is removed and
   * reported.
   */
  void verifyLinks() {
    List<Path> escaping = new ArrayList<>();
    List<UserInputException> problems = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) throws IOException {
          if (attrs.isSymbolicLink()) {
            String target = Files.readSymbolicLink(path).toString();
            if (!target.startsWith("/")) {
              Subject link = new Subject(root.relativize(path).toString(), target);
              try {
                walk(relative(path.getParent()), components(target), false, link);
              } catch (UserInputException e) {
                escaping.add(path);
                problems.add(e);
              }
            }
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw PackageProblems.of(file, "cannot walk the output root " + root + " to check its"
          + " links: " + e.getMessage(), "check its permissions");
    }
    for (Path path : escaping) {
      deleteQuietly(path);
    }
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
  }

  /** The real directory of {@code f}'s parent, created as needed. */
  private Path parent(PackagedFile f) {
    List<String> parts = components(f.path());
    return at(walk(List.of(), parts.subList(0, parts.size() - 1), true, Subject.of(f)));
  }

  /**
   * Walks {@code path} from {@code start} (real components below the root) and returns the real
   * components reached. With {@code create}, every component must end as a directory and missing
   * ones are created; without, a missing component and what follows it are taken as written (the
   * target of a link that does not exist yet).
   */
  private List<String> walk(List<String> start, List<String> path, boolean create,
      Subject f) {
    Deque<String> todo = new ArrayDeque<>(path);
    List<String> current = new ArrayList<>(start);
    int real = current.size();
    int hops = 0;
    try {
      while (!todo.isEmpty()) {
        String c = todo.pollFirst();
        if (c.isEmpty() || c.equals(".")) {
          continue;
        }
        if (c.equals("..")) {
          if (current.isEmpty()) {
            throw escapes(f);
          }
          current.remove(current.size() - 1);
          real = Math.min(real, current.size());
          continue;
        }
        if (current.size() > real) {
          current.add(c);
          continue;
        }
        Path p = at(current).resolve(c);
        BasicFileAttributes attrs = attributes(p);
        if (attrs == null) {
          current.add(c);
          if (create) {
            Files.createDirectory(p);
            real = current.size();
          }
        } else if (attrs.isSymbolicLink()) {
          if (++hops > MAX_HOPS) {
            throw PackageProblems.atEntry(file, f.path(), "more than " + MAX_HOPS + " symbolic"
                + " links on the way (a loop)", PackageProblems.HOSTILE);
          }
          String target = Files.readSymbolicLink(p).toString();
          if (target.startsWith("/")) {
            if (policy == AbsoluteSymlinks.REFUSE) {
              throw PackageProblems.atEntry(file, f.path(), "the way to it passes the symbolic"
                  + " link '" + root.relativize(p) + "' -> '" + target + "', which leads out of"
                  + " the output root", PackageProblems.HOSTILE);
            }
            current.clear();
            real = 0;
          }
          List<String> parts = components(target);
          for (int i = parts.size() - 1; i >= 0; i--) {
            todo.addFirst(parts.get(i));
          }
        } else if (attrs.isDirectory()) {
          current.add(c);
          real = current.size();
        } else if (create) {
          throw PackageProblems.atEntry(file, f.path(), "'" + root.relativize(p) + "' is in the"
              + " way: it exists and is not a directory", "extract into an empty directory, or"
              + " remove what is in the way");
        } else {
          current.add(c);
          // A file in the middle of a link's target: the link is broken, it cannot lead anywhere.
          real = current.size() - 1;
        }
      }
    } catch (IOException e) {
      throw cannotWrite(f.path(), e);
    }
    return current;
  }

  /**
   * What a walk is for, for messages: an entry's path, and the target when the walk follows the
   * entry's own link.
   */
  private record Subject(String path, String linkTarget) {
    static Subject of(PackagedFile f) {
      return new Subject(f.path(), null);
    }
  }

  private UserInputException escapes(Subject f) {
    String what = f.linkTarget() != null
        ? "the symbolic link -> '" + f.linkTarget() + "' leads above the output root"
            + " when followed"
        : "the way to it climbs above the output root through symbolic links";
    return PackageProblems.atEntry(file, f.path(), what, PackageProblems.HOSTILE);
  }

  private void refuseDirectory(PackagedFile f, Path target) {
    BasicFileAttributes attrs = attributes(target);
    if (attrs != null && attrs.isDirectory()) {
      throw PackageProblems.atEntry(file, f.path(), "a directory of that name is already in the"
          + " output root", "extract into an empty directory, or remove the directory");
    }
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private Path at(List<String> components) {
    Path p = root;
    for (String c : components) {
      p = p.resolve(c);
    }
    return p;
  }

  private List<String> relative(Path realDir) {
    List<String> parts = new ArrayList<>();
    for (Path part : root.relativize(realDir)) {
      if (!part.toString().isEmpty()) {
        parts.add(part.toString());
      }
    }
    return parts;
  }

  private static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static String name(PackagedFile f) {
    String path = f.path();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }

  private UserInputException cannotWrite(PackagedFile f, IOException e) {
    return cannotWrite(f.path(), e);
  }

  private UserInputException cannotWrite(String path, IOException e) {
    return PackageProblems.atEntry(file, path, "cannot write it below " + root + ": "
        + e, "check the output root's permissions and free space");
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover hidden temporary file inside the output root; nothing outside is touched
    }
  }
}
