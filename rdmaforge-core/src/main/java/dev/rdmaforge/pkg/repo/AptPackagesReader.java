package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.ControlFields;
import dev.rdmaforge.pkg.ControlRelations;
import dev.rdmaforge.pkg.DigestAlgorithm;
import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.report.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads an apt {@code Packages} file (plain or compressed): one deb822 stanza per package, each
 * parsed by {@link ControlFields} and its relations by {@link ControlRelations}, so that a stanza
 * gives the relations the package's own control file gives. Stanzas are read one at a time.
 */
final class AptPackagesReader {
  /** The most characters one stanza may have: real ones have a few kilobytes. */
  static final int MAX_STANZA_CHARS = 4 << 20;

  private AptPackagesReader() {}

  /**
   * The packages {@code file} lists, resolved against {@code root}.
   *
   * @param boundary the directory no package may be outside of
   * @param group the bundle group they belong to, or empty
   */
  static List<RepositoryPackage> read(Path file, Path root, Path boundary, String group) {
    MetadataCompression compression = MetadataCompression.fromName(file.toString(),
        file.getFileName().toString(), "Packages");
    List<RepositoryPackage> packages = new ArrayList<>();
    try (MetadataInput in = MetadataInput.open(file, compression, null, OptionalLong.empty());
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder stanza = new StringBuilder();
      int start = 0;
      int lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          if (start > 0) {
            packages.add(stanza(file, root, boundary, group, start, stanza.toString()));
            stanza.setLength(0);
            start = 0;
          }
          continue;
        }
        if (start == 0) {
          start = lineNumber;
        }
        stanza.append(line).append('\n');
        if (stanza.length() > MAX_STANZA_CHARS) {
          throw new UserInputException(file + ":" + start + ": a stanza of more than "
              + MAX_STANZA_CHARS + " characters; the file is damaged: regenerate it with"
              + " dpkg-scanpackages");
        }
      }
      if (start > 0) {
        packages.add(stanza(file, root, boundary, group, start, stanza.toString()));
      }
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return packages;
  }

  private static RepositoryPackage stanza(
      Path file, Path root, Path boundary, String group, int start, String text) {
    String where = file + ":" + start;
    ControlFields fields = fields(file, start, text);
    String name = required(where, fields, "Package", "");
    String version = required(where, fields, "Version", name);
    String arch = required(where, fields, "Architecture", name);
    String filename = required(where, fields, "Filename", name);
    String sizeText = required(where, fields, "Size", name);
    long size;
    try {
      size = Long.parseLong(sizeText);
      if (size < 0) {
        throw new NumberFormatException(sizeText);
      }
    } catch (NumberFormatException e) {
      throw new UserInputException(where + ": package '" + name + "': Size '" + sizeText
          + "' is not a size in bytes; regenerate the file with dpkg-scanpackages", e);
    }
    FileDigest checksum = checksum(where, name, fields);
    String fieldWhere = where + ": package '" + name + "': field ";
    PackageVersion parsed = PackageVersion.parseDebian(fieldWhere + "Version", version);
    Path packageFile = Locations.resolve(root, boundary, filename,
        where + ": package '" + name + "'");
    return new RepositoryPackage(name, parsed, arch, PackageFormat.DEB, packageFile, filename,
        Optional.of(checksum), OptionalLong.of(size),
        ControlRelations.provides(fieldWhere, fields),
        ControlRelations.requires(fieldWhere, fields),
        ControlRelations.conflicts(fieldWhere, fields), Optional.empty(), group, file);
  }

  /**
   * The stanza's fields; ControlFields counts lines from the stanza's first, so its {@code
   * FILE:line:column} is moved to the line in the whole file.
   */
  private static ControlFields fields(Path file, int start, String text) {
    String prefix = file + ":";
    try {
      return ControlFields.parse(file.toString(), text);
    } catch (UserInputException e) {
      String message = e.getMessage();
      if (message != null && message.startsWith(prefix)) {
        int colon = message.indexOf(':', prefix.length());
        if (colon > prefix.length()) {
          try {
            int line = Integer.parseInt(message.substring(prefix.length(), colon));
            throw new UserInputException(prefix + (start + line - 1)
                + message.substring(colon), e);
          } catch (NumberFormatException ignored) {
            // not a position: keep the message
          }
        }
      }
      throw e;
    }
  }

  private static String required(
      String where, ControlFields fields, String field, String name) {
    String value = fields.get(field).orElse("").strip();
    if (value.isEmpty()) {
      throw new UserInputException(where + ": the stanza" + (name.isEmpty() ? ""
          : " of package '" + name + "'") + " has no " + field + " field; every stanza of a"
          + " Packages file needs Package, Version, Architecture, Filename and Size: regenerate"
          + " the file with dpkg-scanpackages");
    }
    return value;
  }

  private static FileDigest checksum(String where, String name, ControlFields fields) {
    String[] names = {"SHA256", "SHA512", "SHA1", "MD5sum"};
    DigestAlgorithm[] algorithms = {DigestAlgorithm.SHA256, DigestAlgorithm.SHA512,
        DigestAlgorithm.SHA1, DigestAlgorithm.MD5};
    for (int i = 0; i < names.length; i++) {
      Optional<String> value = fields.get(names[i]);
      if (value.isPresent()) {
        return Digests.parse(where + ": package '" + name + "': field " + names[i],
            algorithms[i], value.get());
      }
    }
    throw new UserInputException(where + ": the stanza of package '" + name + "' has no"
        + " SHA256 or MD5sum field; apt refuses a package it cannot check: regenerate the"
        + " file with dpkg-scanpackages");
  }
}
