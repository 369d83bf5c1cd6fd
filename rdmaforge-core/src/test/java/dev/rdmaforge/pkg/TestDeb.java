package dev.rdmaforge.pkg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds DEB files byte by byte (ar, ustar, compressors from {@link TestArchives}) with what
 * dpkg-deb writes by default, and hooks for damaged and hostile variants.
 */
final class TestDeb {
  /** One data.tar entry. */
  static final class Entry {
    String name;
    char type;
    int mode;
    String link;
    byte[] data = new byte[0];
    long declaredSize = -1;
  }

  String control = "Package: rdmaforge-test-modules\nVersion: 1:2.0-1\nArchitecture: amd64\n"
      + "Maintainer: Test <test@example.org>\n"
      + "Depends: linux-image-6.1.0-56-amd64 | linux-image-amd64, kmod (>= 30)\n"
      + "Pre-Depends: dpkg (>= 1.19)\n"
      + "Provides: rdmaforge-kmod-provider (= 2.0)\n"
      + "Breaks: old-modules (<< 2.0)\n"
      + "Description: test modules\n built by TestDeb\n .\n for rdmaforge\n";
  String conffiles = "/etc/modprobe.d/rdmaforge.conf\n";
  String md5sums;
  String postinst = "#!/bin/sh\nset -e\ndepmod -a 6.1.0-56-amd64\n";
  final List<Entry> entries = new ArrayList<>();
  PayloadCompression controlCompression = PayloadCompression.XZ;
  PayloadCompression dataCompression = PayloadCompression.XZ;
  String debianBinary = "2.0\n";
  UnaryOperator<byte[]> dataTamper = b -> b;
  UnaryOperator<byte[]> compressedDataTamper = b -> b;
  /** Replaces the ar members when set: name, bytes pairs; null entries take the built ones. */
  Object[] members;

  TestDeb() {
    dir("./");
    dir("./etc/");
    dir("./etc/modprobe.d/");
    file("./etc/modprobe.d/rdmaforge.conf", "options provider debug=1\n");
  }

  Entry add(String name, char type, int mode, String link, byte[] data) {
    Entry e = new Entry();
    e.name = name;
    e.type = type;
    e.mode = mode;
    e.link = link;
    e.data = data;
    entries.add(e);
    return e;
  }

  Entry dir(String name) {
    return add(name, '5', 0755, null, new byte[0]);
  }

  Entry file(String name, String content) {
    return add(name, '0', 0644, null, content.getBytes(StandardCharsets.UTF_8));
  }

  Entry symlink(String name, String target) {
    return add(name, '2', 0777, target, new byte[0]);
  }

  Entry hardlink(String name, String target) {
    return add(name, '1', 0644, target, new byte[0]);
  }

  byte[] build() {
    byte[] control = TestArchives.compress(controlCompression, controlTar());
    byte[] data = compressedDataTamper.apply(
        TestArchives.compress(dataCompression, dataTamper.apply(dataTar())));
    String controlName = "control.tar" + controlCompression.fileSuffix();
    String dataName = "data.tar" + dataCompression.fileSuffix();
    if (members != null) {
      Object[] chosen = members.clone();
      for (int i = 1; i < chosen.length; i += 2) {
        if (chosen[i] == null) {
          chosen[i] = chosen[i - 1].toString().startsWith("control") ? control
              : chosen[i - 1].toString().startsWith("data") ? data
              : debianBinary.getBytes(StandardCharsets.US_ASCII);
        }
      }
      return TestArchives.ar(chosen);
    }
    return TestArchives.ar("debian-binary", debianBinary.getBytes(StandardCharsets.US_ASCII),
        controlName, control, dataName, data);
  }

  private byte[] controlTar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestArchives.tar(out, "./", '5', 0755, null, 0, new byte[0]);
    addText(out, "./control", control, 0644);
    if (conffiles != null) {
      addText(out, "./conffiles", conffiles, 0644);
    }
    addText(out, "./md5sums", md5sums != null ? md5sums : computedMd5sums(), 0644);
    if (postinst != null) {
      addText(out, "./postinst", postinst, 0755);
    }
    TestArchives.tarEnd(out);
    return out.toByteArray();
  }

  private String computedMd5sums() {
    StringBuilder text = new StringBuilder();
    for (Entry e : entries) {
      if (e.type == '0') {
        text.append(TestRpm.hex("MD5", e.data)).append("  ").append(PackagePaths.strip(e.name))
            .append('\n');
      }
    }
    return text.toString();
  }

  private static void addText(ByteArrayOutputStream out, String name, String text, int mode) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TestArchives.tar(out, name, '0', mode, null, bytes.length, bytes);
  }

  private byte[] dataTar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      long size = e.declaredSize >= 0 ? e.declaredSize : e.data.length;
      TestArchives.tar(out, e.name, e.type, e.mode, e.link, size, e.data);
    }
    TestArchives.tarEnd(out);
    return out.toByteArray();
  }
}
