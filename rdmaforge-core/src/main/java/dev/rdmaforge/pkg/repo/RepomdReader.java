package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.DigestAlgorithm;
import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.stream.XMLStreamConstants;

/** Reads {@code repodata/repomd.xml}: where each metadata file is and what it must hash to. */
final class RepomdReader {
  private RepomdReader() {}

  /** The data entries by type, in file order. */
  static Map<String, RepomdData> read(Path repomd) {
    Map<String, RepomdData> entries = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(repomd);
        SafeXml.Reader xml = SafeXml.open(repomd, in)) {
      boolean root = false;
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (!root) {
          if (!xml.name().equals("repomd")) {
            throw new UserInputException(xml.here() + ": the root element is <" + xml.name()
                + ">, not <repomd>; give a yum repository made by createrepo_c");
          }
          root = true;
        } else if (xml.name().equals("data")) {
          RepomdData data = data(xml);
          if (entries.putIfAbsent(data.type(), data) != null) {
            throw new UserInputException(data.place() + ": a second <data type=\""
                + data.type() + "\">; regenerate the metadata with createrepo_c");
          }
        }
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(repomd + ": no such file; a yum repository has"
          + " repodata/repomd.xml: run createrepo_c on the directory", e);
    } catch (IOException e) {
      throw new UserInputException(repomd + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return entries;
  }

  private static RepomdData data(SafeXml.Reader xml) {
    String place = xml.here();
    String type = xml.required("type", "data");
    String href = null;
    FileDigest checksum = null;
    Optional<FileDigest> openChecksum = Optional.empty();
    OptionalLong size = OptionalLong.empty();
    OptionalLong openSize = OptionalLong.empty();
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (xml.name()) {
        case "location":
          href = xml.required("href", "location");
          if (xml.attribute("base") != null) {
            throw new UserInputException(xml.here() + ": <location xml:base=\""
                + xml.attribute("base") + "\"> puts the file elsewhere; rdmaforge reads local"
                + " repositories only: copy the files into the repository");
          }
          depth++;
          break;
        case "checksum":
          checksum = checksum(xml);
          break;
        case "open-checksum":
          openChecksum = Optional.of(checksum(xml));
          break;
        case "size":
          size = OptionalLong.of(number(xml, "size"));
          break;
        case "open-size":
          openSize = OptionalLong.of(number(xml, "open-size"));
          break;
        default:
          depth++;
      }
    }
    if (href == null || checksum == null) {
      throw new UserInputException(place + ": <data type=\"" + type + "\"> has no "
          + (href == null ? "<location href>" : "<checksum>") + "; regenerate the metadata"
          + " with createrepo_c");
    }
    return new RepomdData(type, href, checksum, openChecksum, size, openSize, place);
  }

  /** A {@code <checksum type="...">hex</checksum>} element (consumed). */
  static FileDigest checksum(SafeXml.Reader xml) {
    String where = xml.here();
    String name = xml.name();
    String type = xml.required("type", name);
    DigestAlgorithm algorithm = Digests.fromYumType(type);
    if (algorithm == null) {
      throw new UserInputException(where + ": <" + name + " type=\"" + type + "\"> is not a"
          + " checksum type rdmaforge knows (sha256, sha1, sha512, sha384, sha224, md5);"
          + " regenerate the metadata with createrepo_c --checksum sha256");
    }
    return Digests.parse(where, algorithm, xml.text());
  }

  private static long number(SafeXml.Reader xml, String element) {
    String where = xml.here();
    String text = xml.text().strip();
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UserInputException(where + ": <" + element + "> '" + text + "' is not a size in"
        + " bytes; regenerate the metadata with createrepo_c");
  }
}
