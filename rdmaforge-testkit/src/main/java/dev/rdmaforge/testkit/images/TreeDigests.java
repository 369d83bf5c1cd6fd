package dev.rdmaforge.testkit.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a directory tree holds, for "nothing changed" assertions: the host's module trees and
 * package databases before and after an image apply, an image's module tree before and after an
 * undo.
 */
public final class TreeDigests {
  private TreeDigests() {}

  /** Every entry below {@code dir}: path to SHA-256, {@code -> TARGET} or {@code d}. */
  public static Map<String, String> of(Path dir) {
    return of(dir, "");
  }

  /**
   * The entries below {@code dir} whose name starts with {@code prefix} (directories only with an
   * empty prefix), links not followed; empty when {@code dir} does not exist.
   */
  public static Map<String, String> of(Path dir, String prefix) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String key = dir.relativize(p).toString();
        if (!p.getFileName().toString().startsWith(prefix)) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(key, sha256(p));
        } else if (prefix.isEmpty()) {
          out.put(key, "d");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
    return out;
  }

  /** SHA-256 of a file, or {@code unreadable}. */
  public static String sha256(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (AccessDeniedException e) {
      return "unreadable";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + p, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
