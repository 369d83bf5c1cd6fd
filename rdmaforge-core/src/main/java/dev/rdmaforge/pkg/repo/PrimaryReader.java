package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.report.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.xml.stream.XMLStreamConstants;

/**
 * Reads primary.xml: per package its name, arch, version, checksum, location, size and
 * provides/requires/conflicts (obsoletes, weak dependencies and descriptions are skipped).
 */
final class PrimaryReader {
  private PrimaryReader() {}

  static List<PrimaryEntry> read(SafeXml.Reader xml) {
    List<PrimaryEntry> entries = new ArrayList<>();
    String declared = null;
    String rootPlace = null;
    boolean root = false;
    while (xml.hasNext()) {
      if (xml.next() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      if (!root) {
        if (!xml.name().equals("metadata")) {
          throw new UserInputException(xml.here() + ": the root element is <" + xml.name()
              + ">, not <metadata>: this is no primary.xml; regenerate the metadata with"
              + " createrepo_c");
        }
        declared = xml.attribute("packages");
        rootPlace = xml.here();
        root = true;
      } else if (xml.name().equals("package")) {
        PrimaryEntry entry = pkg(xml);
        if (entry != null) {
          entries.add(entry);
        }
      }
    }
    if (declared != null && !declared.equals(String.valueOf(entries.size()))) {
      throw new UserInputException(rootPlace + ": <metadata packages=\"" + declared + "\">,"
          + " but the file lists " + entries.size() + " packages; the file is damaged:"
          + " regenerate the metadata with createrepo_c");
    }
    return entries;
  }

  /** The package element the reader is at, read to its end; null for a non-rpm package. */
  private static PrimaryEntry pkg(SafeXml.Reader xml) {
    String place = xml.here();
    String type = xml.attribute("type");
    String name = null;
    String arch = null;
    PackageVersion version = null;
    FileDigest checksum = null;
    String href = null;
    OptionalLong size = OptionalLong.empty();
    List<PackageRelation> provides = new ArrayList<>();
    List<PackageRelation> requires = new ArrayList<>();
    List<PackageRelation> conflicts = new ArrayList<>();
    List<PackageRelation> section = null;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (xml.name().equals("provides") || xml.name().equals("requires")
            || xml.name().equals("conflicts")) {
          section = null;
        }
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String element = xml.name();
      boolean rpmNamespace = xml.namespace().endsWith("/metadata/rpm");
      if (rpmNamespace && element.equals("entry")) {
        if (section != null) {
          section.add(YumRelations.entry(xml));
        }
        depth++;
        continue;
      }
      if (rpmNamespace) {
        section = element.equals("provides") ? provides : element.equals("requires") ? requires
            : element.equals("conflicts") ? conflicts : null;
        depth++;
        continue;
      }
      switch (element) {
        case "name":
          name = xml.text().strip();
          break;
        case "arch":
          arch = xml.text().strip();
          break;
        case "version":
          version = YumRelations.version(xml);
          depth++;
          break;
        case "checksum":
          checksum = RepomdReader.checksum(xml);
          break;
        case "location":
          href = xml.required("href", "location");
          if (xml.attribute("base") != null) {
            throw new UserInputException(xml.here() + ": <location xml:base=\""
                + xml.attribute("base") + "\"> puts the package elsewhere; rdmaforge reads"
                + " local repositories only: copy the packages into the repository");
          }
          depth++;
          break;
        case "size":
          size = sizeOf(xml);
          depth++;
          break;
        default:
          depth++;
      }
    }
    if (type != null && !type.equals("rpm")) {
      return null;
    }
    String missing = name == null || name.isEmpty() ? "<name>" : arch == null || arch.isEmpty()
        ? "<arch>" : version == null ? "<version>" : checksum == null ? "<checksum>"
        : href == null ? "<location href>" : null;
    if (missing != null) {
      throw new UserInputException(place + ": <package> has no " + missing + "; the file is"
          + " damaged: regenerate the metadata with createrepo_c");
    }
    return new PrimaryEntry(name, version, arch, checksum, href, size, provides, requires,
        conflicts, place);
  }

  private static OptionalLong sizeOf(SafeXml.Reader xml) {
    String text = xml.attribute("package");
    if (text == null) {
      return OptionalLong.empty();
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return OptionalLong.of(value);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UserInputException(xml.here() + ": <size package=\"" + text + "\"> is not a size"
        + " in bytes; regenerate the metadata with createrepo_c");
  }
}
