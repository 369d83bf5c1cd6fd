package dev.rdmaforge.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts a package's entries into an output root through {@link OutputTree}, streaming the
 * payload once. Hard links are made last, because an RPM stores a hard-link set's content with its
 * last member. A failure stops the extraction with a {@link
 * dev.rdmaforge.report.UserInputException}; what was written before it stays (inside the root).
 */
final class PackageExtractor {
  private PackageExtractor() {}

  static ExtractionResult extract(ExtractionRequest request) {
    Path file = request.packageFile();
    Path root = prepareRoot(file, request.outputRoot());
    OutputTree tree = new OutputTree(file, root, request.absoluteSymlinks());
    List<PackagedFile> extracted = new ArrayList<>();
    List<PackagedFile> hardLinks = new ArrayList<>();
    Map<String, Path> written = new HashMap<>();
    long bytes = 0;
    boolean links = false;
    Packages.Opened opened = Packages.open(file, true);
    try (PayloadReader payload = opened.reader()) {
      Set<String> wanted = opened.rpm() == null ? null
          : wanted(opened.rpm().pkg(), request.selection());
      for (Optional<PayloadEntry> next = payload.next(); next.isPresent();
          next = payload.next()) {
        PackagedFile f = next.get().file();
        if (wanted != null ? !wanted.contains(f.path()) : !request.selection().matches(f.path())) {
          continue;
        }
        switch (f.type()) {
          case DIR:
            tree.directory(f);
            break;
          case FILE:
            written.put(f.path(), tree.writeFile(f, next.get().content()));
            bytes += f.size();
            break;
          case SYMLINK:
            tree.symlink(f);
            links = true;
            break;
          case HARDLINK:
            hardLinks.add(f);
            continue;
          default:
            throw new IllegalStateException("unhandled " + f.type());
        }
        extracted.add(f);
      }
      for (PackagedFile f : hardLinks) {
        Path target = written.get(f.linkTarget().orElseThrow());
        if (target == null) {
          throw PackageProblems.atEntry(file, f.path(), "a hard link to '"
              + f.linkTarget().get() + "', which the selection left out",
              "select that file too (add a glob matching it)");
        }
        tree.hardLink(f, target);
        extracted.add(f);
      }
      if (links) {
        tree.verifyLinks();
      }
    }
    PackageFile pkg = opened.rpm() != null ? opened.rpm().pkg() : opened.debModel();
    return new ExtractionResult(pkg, root, extracted, bytes);
  }

  /** For an RPM, the selected paths plus the files selected hard links need. */
  private static Set<String> wanted(PackageFile pkg, PathSelection selection) {
    Set<String> wanted = new HashSet<>();
    for (PackagedFile f : pkg.files()) {
      if (selection.matches(f.path())) {
        wanted.add(f.path());
        if (f.type() == FileType.HARDLINK) {
          wanted.add(f.linkTarget().orElseThrow());
        }
      }
    }
    return wanted;
  }

  private static Path prepareRoot(Path file, Path outputRoot) {
    try {
      // The root itself may be a link (e.g. /tmp -> /private/tmp); below it nothing is followed.
      Files.createDirectories(outputRoot);
      Path real = outputRoot.toRealPath();
      if (!Files.isDirectory(real)) {
        throw PackageProblems.of(file, "the output root " + outputRoot + " is not a directory",
            "give a directory to extract into");
      }
      return real;
    } catch (IOException e) {
      throw PackageProblems.of(file, "cannot create the output root " + outputRoot + ": " + e,
          "check the path and its permissions");
    }
  }
}
