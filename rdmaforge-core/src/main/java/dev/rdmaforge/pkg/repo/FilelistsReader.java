package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;

/** Reads filelists.xml: the file list of each package, by its pkgid (the package checksum). */
final class FilelistsReader {
  private FilelistsReader() {}

  /** File lists by {@code pkgid + " " + name + " " + arch}. */
  static Map<String, List<RepositoryFile>> read(SafeXml.Reader xml) {
    Map<String, List<RepositoryFile>> lists = new HashMap<>();
    boolean root = false;
    while (xml.hasNext()) {
      if (xml.next() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      if (!root) {
        if (!xml.name().equals("filelists")) {
          throw new UserInputException(xml.here() + ": the root element is <" + xml.name()
              + ">, not <filelists>; regenerate the metadata with createrepo_c");
        }
        root = true;
      } else if (xml.name().equals("package")) {
        String key = key(xml.required("pkgid", "package"), xml.required("name", "package"),
            xml.required("arch", "package"));
        lists.put(key, files(xml));
      }
    }
    return lists;
  }

  static String key(String pkgid, String name, String arch) {
    return pkgid.toLowerCase(java.util.Locale.ROOT) + " " + name + " " + arch;
  }

  private static List<RepositoryFile> files(SafeXml.Reader xml) {
    List<RepositoryFile> files = new ArrayList<>();
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        if (!xml.name().equals("file")) {
          depth++;
          continue;
        }
        String where = xml.here();
        String type = xml.attribute("type");
        RepositoryFile.Kind kind;
        if (type == null || type.equals("file")) {
          kind = RepositoryFile.Kind.FILE;
        } else if (type.equals("dir")) {
          kind = RepositoryFile.Kind.DIR;
        } else if (type.equals("ghost")) {
          kind = RepositoryFile.Kind.GHOST;
        } else {
          throw new UserInputException(where + ": <file type=\"" + type + "\"> is none of dir,"
              + " ghost; regenerate the metadata with createrepo_c");
        }
        String path = xml.text().strip();
        if (!path.startsWith("/") || path.length() < 2) {
          throw new UserInputException(where + ": '" + path + "' is not an absolute path;"
              + " regenerate the metadata with createrepo_c");
        }
        files.add(new RepositoryFile(path.substring(1), kind));
      }
    }
    return files;
  }
}
