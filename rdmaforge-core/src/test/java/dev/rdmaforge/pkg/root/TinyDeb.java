package dev.rdmaforge.pkg.root;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Small Debian packages for the package-root tests, written with commons-compress the way
 * dpkg-deb lays them out: debian-binary, control.tar.gz (control, md5sums, postinst) and
 * data.tar.gz with {@code ./}-prefixed entries.
 */
final class TinyDeb {
  private record Entry(String path, char type, int mode, String link, byte[] data) {}

  private final String name;
  private final List<Entry> entries = new ArrayList<>();
  private String postinst;

  TinyDeb(String name) {
    this.name = name;
  }

  TinyDeb dir(String path) {
    entries.add(new Entry(path, 'd', 0755, null, new byte[0]));
    return this;
  }

  TinyDeb file(String path, String content) {
    return file(path, 0644, content.getBytes(StandardCharsets.UTF_8));
  }

  TinyDeb file(String path, int mode, byte[] content) {
    entries.add(new Entry(path, 'f', mode, null, content));
    return this;
  }

  TinyDeb symlink(String path, String target) {
    entries.add(new Entry(path, 'l', 0777, target, new byte[0]));
    return this;
  }

  TinyDeb postinst(String script) {
    this.postinst = script;
    return this;
  }

  /** Writes {@code NAME_1.0_amd64.deb} into {@code dir}. */
  Path write(Path dir) {
    try {
      Path file = dir.resolve(name + "_1.0_amd64.deb");
      try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(file))) {
        member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
        member(ar, "control.tar.gz", control());
        member(ar, "data.tar.gz", data());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] control() throws IOException {
    StringBuilder md5 = new StringBuilder();
    for (Entry e : entries) {
      if (e.type() == 'f') {
        md5.append(md5(e.data())).append("  ").append(e.path()).append('\n');
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      add(tar, "./control", 0644, ("Package: " + name + "\nVersion: 1.0\nArchitecture: amd64\n"
          + "Maintainer: Test <test@example.org>\nDescription: test\n")
          .getBytes(StandardCharsets.UTF_8));
      add(tar, "./md5sums", 0644, md5.toString().getBytes(StandardCharsets.UTF_8));
      if (postinst != null) {
        add(tar, "./postinst", 0755, postinst.getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  private byte[] data() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      TarArchiveEntry top = new TarArchiveEntry("./", TarConstants.LF_DIR);
      top.setMode(040755);
      tar.putArchiveEntry(top);
      tar.closeArchiveEntry();
      for (Entry e : entries) {
        switch (e.type()) {
          case 'd': {
            TarArchiveEntry t = new TarArchiveEntry("./" + e.path() + "/", TarConstants.LF_DIR);
            t.setMode(040000 | e.mode());
            tar.putArchiveEntry(t);
            tar.closeArchiveEntry();
            break;
          }
          case 'l': {
            TarArchiveEntry t = new TarArchiveEntry("./" + e.path(), TarConstants.LF_SYMLINK);
            t.setLinkName(e.link());
            t.setMode(0120777);
            tar.putArchiveEntry(t);
            tar.closeArchiveEntry();
            break;
          }
          default:
            add(tar, "./" + e.path(), e.mode(), e.data());
        }
      }
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, String path, int mode, byte[] data)
      throws IOException {
    TarArchiveEntry t = new TarArchiveEntry(path);
    t.setMode(0100000 | mode);
    t.setSize(data.length);
    tar.putArchiveEntry(t);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static void member(ArArchiveOutputStream ar, String name, byte[] data)
      throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, data.length));
    ar.write(data);
    ar.closeArchiveEntry();
  }

  private static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
