package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.root.PathOwners.Owner;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code RF-PKG-002}: a path two packages ship with different content. rpm refuses the
 * transaction ("file /x from install of B conflicts with file from package A") and dpkg refuses
 * to unpack the second package ("trying to overwrite '/x', which is also in package A"); shipping
 * the same content (same type, permissions, digest or link target) is allowed by rpm and is not
 * reported. Directories shared by packages never conflict, whatever their modes, as in rpm. When
 * the two packages record digests of different algorithms (an RPM beside a DEB), only the sizes
 * are compared.
 */
final class PathConflicts {
  /** The rule id. */
  static final String RULE = "RF-PKG-002";

  private PathConflicts() {}

  static List<Finding> findings(PathOwners owners, Set<String> laidOut) {
    List<Finding> findings = new ArrayList<>();
    for (String path : owners.shared()) {
      List<Owner> list = owners.of(path);
      for (int i = 1; i < list.size(); i++) {
        Owner a = list.get(i - 1);
        Owner b = list.get(i);
        String difference = difference(a.file(), b.file());
        if (difference == null || a.pkg() == b.pkg()) {
          continue;
        }
        Owner last = list.get(list.size() - 1);
        String held = laidOut.contains(path)
            ? "the composed root holds " + last.pkg().label() + "'s (the later package)"
            : "the path is outside what module loading reads and is not laid out";
        findings.add(new Finding(RULE, Severity.ERROR, Location.of(path),
            path + " is shipped by " + a.pkg().label() + " and " + b.pkg().label()
                + " with different content (" + difference + "): rpm refuses to install both"
                + " ('file /" + path + " from install of " + b.pkg().label() + " conflicts with"
                + " file from package " + a.pkg().label() + "'), dpkg refuses to unpack the"
                + " second ('trying to overwrite'); " + held,
            "install only one of " + a.pkg().pkg().name() + " and " + b.pkg().pkg().name()
                + ", or ship /" + path + " from one package only"));
        break;
      }
    }
    return findings;
  }

  /** What differs between two entries for one path, or null when rpm would accept both. */
  static String difference(PackagedFile a, PackagedFile b) {
    if (a.ghost() || b.ghost()) {
      return null;
    }
    FileType ta = content(a.type());
    FileType tb = content(b.type());
    if (ta != tb) {
      return "a " + name(ta) + " and a " + name(tb);
    }
    switch (ta) {
      case DIR:
        return null;
      case SYMLINK:
        return a.linkTarget().equals(b.linkTarget()) ? null
            : "link -> " + a.linkTarget().get() + " and -> " + b.linkTarget().get();
      default:
        if (a.digest().isPresent() && b.digest().isPresent()
            && a.digest().get().algorithm() == b.digest().get().algorithm()) {
          if (!a.digest().equals(b.digest())) {
            return "digest " + a.digest().get() + " and " + b.digest().get();
          }
        } else if (a.size() != b.size()) {
          return "size " + a.size() + " and " + b.size() + " bytes";
        }
        if (a.permissions() != b.permissions()) {
          return "mode 0" + Integer.toOctalString(a.permissions()) + " and 0"
              + Integer.toOctalString(b.permissions());
        }
        return null;
    }
  }

  /** A hard link is a regular file for this comparison. */
  private static FileType content(FileType t) {
    return t == FileType.HARDLINK ? FileType.FILE : t;
  }

  private static String name(FileType t) {
    return t == FileType.DIR ? "directory" : t == FileType.SYMLINK ? "symbolic link" : "file";
  }
}
