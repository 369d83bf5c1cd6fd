package dev.rdmaforge.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackagedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Compares what rdmaforge extracted with what a real tool extracted, entry by entry. */
final class PackageTrees {
  private PackageTrees() {}

  /**
   * Every entry of {@code pkg} that is in {@code theirs} (the real tool's tree) is in {@code ours}
   * with the same type, permissions, content, link target, and hard-link identity.
   *
   * @return how many entries were compared
   */
  static int assertSameEntries(PackageFile pkg, Path ours, Path theirs) throws IOException {
    int compared = 0;
    for (PackagedFile f : pkg.files()) {
      Path their = theirs.resolve(f.path());
      Path our = ours.resolve(f.path());
      if (f.ghost()) {
        assertThat(Files.exists(our, LinkOption.NOFOLLOW_LINKS)).as(f.path()).isFalse();
        continue;
      }
      assertThat(Files.exists(their, LinkOption.NOFOLLOW_LINKS)).as("real tool: " + f.path())
          .isTrue();
      PosixFileAttributes a = Files.readAttributes(our, PosixFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      PosixFileAttributes b = Files.readAttributes(their, PosixFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      assertThat(a.isSymbolicLink()).as(f.path()).isEqualTo(b.isSymbolicLink());
      assertThat(a.isDirectory()).as(f.path()).isEqualTo(b.isDirectory());
      if (a.isSymbolicLink()) {
        assertThat(Files.readSymbolicLink(our)).as(f.path())
            .isEqualTo(Files.readSymbolicLink(their));
      } else {
        assertThat(PosixFilePermissions.toString(a.permissions())).as(f.path())
            .isEqualTo(PosixFilePermissions.toString(b.permissions()));
      }
      if (a.isRegularFile()) {
        assertThat(Files.mismatch(our, their)).as(f.path()).isEqualTo(-1L);
        assertThat(a.size()).as(f.path()).isEqualTo(f.size());
      }
      if (f.type() == FileType.HARDLINK) {
        Path ourTarget = ours.resolve(f.linkTarget().orElseThrow());
        Path theirTarget = theirs.resolve(f.linkTarget().orElseThrow());
        assertThat(Files.isSameFile(our, ourTarget)).as(f.path()).isTrue();
        assertThat(Files.isSameFile(their, theirTarget)).as(f.path()).isTrue();
      }
      compared++;
    }
    return compared;
  }
}
