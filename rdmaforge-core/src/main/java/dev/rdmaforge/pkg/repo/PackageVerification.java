package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.VersionOrder;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * A listed package's file checked against its listing before it is believed: a file replaced after
 * the metadata was made (a rebuilt kmod copied over the old one, a half-finished download) would
 * otherwise be installed under the old package's name and checksum.
 */
final class PackageVerification {
  private static final String REGENERATE = "the file was replaced or damaged after the"
      + " repository metadata was made: download it again, or regenerate the metadata"
      + " (createrepo_c --update DIR, or dpkg-scanpackages DIR > Packages)";

  private PackageVerification() {}

  static PackageFile read(RepositoryPackage pkg) {
    long actualSize;
    try {
      actualSize = Files.size(pkg.file());
    } catch (NoSuchFileException e) {
      throw new UserInputException(pkg.listedIn() + ": lists '" + pkg.location() + "', but "
          + pkg.file() + " does not exist; copy the package into the repository or regenerate"
          + " the metadata", e);
    } catch (IOException e) {
      throw new UserInputException(pkg.file() + ": cannot be read (" + e.getMessage()
          + "); check the file", e);
    }
    if (pkg.size().isPresent() && pkg.size().getAsLong() != actualSize) {
      throw new UserInputException(pkg.listedIn() + ": package '" + pkg.location() + "': "
          + pkg.file() + " has " + actualSize + " bytes, the metadata says "
          + pkg.size().getAsLong() + "; " + REGENERATE);
    }
    if (pkg.checksum().isPresent()) {
      FileDigest expected = pkg.checksum().get();
      FileDigest actual = Digests.ofFile(pkg.file(), expected.algorithm());
      if (!actual.equals(expected)) {
        throw new UserInputException(pkg.listedIn() + ": package '" + pkg.location() + "': "
            + pkg.file() + " has " + actual + ", the metadata says " + expected + "; "
            + REGENERATE);
      }
    }
    PackageFile file = Packages.read(pkg.file());
    boolean sameVersion = VersionOrder.of(pkg.format()).compare(file.version(), pkg.version())
        == 0;
    if (file.format() != pkg.format() || !file.name().equals(pkg.name())
        || !file.arch().equals(pkg.arch()) || !sameVersion) {
      throw new UserInputException(pkg.listedIn() + ": package '" + pkg.location() + "' is"
          + " listed as " + pkg.label() + ", but " + pkg.file() + " is " + file.label() + "; "
          + REGENERATE);
    }
    return file;
  }
}
