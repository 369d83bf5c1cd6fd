package dev.rdmaforge.pkg;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds RPM files byte by byte: lead, signature header (SIZE, SHA256 of the header, PAYLOADSIZE),
 * main header and a cpio newc payload, so that tests can make both well-formed packages and every
 * kind of damaged or hostile one. Defaults give a package like rpmbuild's: sha256 file digests,
 * PAYLOADDIGEST, gzip.
 */
final class TestRpm {
  static final int INT16 = 3;
  static final int INT32 = 4;
  static final int INT64 = 5;
  static final int STRING = 6;
  static final int BIN = 7;
  static final int STRING_ARRAY = 8;

  /** One header entry's value. */
  record Tag(int type, int count, byte[] data) {}

  /** One file of the package. */
  static final class FileSpec {
    String path;
    int mode;
    byte[] content = new byte[0];
    String link = "";
    int flags;
    int inode;
    long declaredSize = -1;
    boolean inPayload = true;
    String payloadName;
    long payloadMode = -1;
    byte[] payloadData;
  }

  String name = "kmod-test";
  String version = "1.0";
  String release = "1.el9";
  Long epoch;
  String arch = "x86_64";
  final List<Object[]> provides = new ArrayList<>();
  final List<Object[]> requires = new ArrayList<>();
  final List<Object[]> conflicts = new ArrayList<>();
  final List<FileSpec> files = new ArrayList<>();
  PayloadCompression compression = PayloadCompression.GZIP;
  boolean declareCompressor = true;
  boolean longSizes;
  String postin;
  final Map<Integer, Tag> overrides = new LinkedHashMap<>();
  final Map<Integer, Tag> signatureOverrides = new LinkedHashMap<>();
  UnaryOperator<byte[]> cpioTamper = b -> b;
  UnaryOperator<byte[]> compressedTamper = b -> b;

  TestRpm provide(String name, int flags, String version) {
    provides.add(new Object[] {name, flags, version});
    return this;
  }

  TestRpm require(String name, int flags, String version) {
    requires.add(new Object[] {name, flags, version});
    return this;
  }

  FileSpec file(String path, int mode, byte[] content) {
    FileSpec f = new FileSpec();
    f.path = path;
    f.mode = mode;
    f.content = content;
    f.inode = files.size() + 1;
    files.add(f);
    return f;
  }

  FileSpec file(String path, String content) {
    return file(path, 0100644, content.getBytes(StandardCharsets.UTF_8));
  }

  FileSpec dir(String path) {
    return file(path, 040755, new byte[0]);
  }

  FileSpec symlink(String path, String target) {
    FileSpec f = file(path, 0120777, new byte[0]);
    f.link = target;
    return f;
  }

  /** The built RPM file. */
  byte[] build() {
    byte[] cpio = cpioTamper.apply(cpio());
    byte[] payload = compressedTamper.apply(TestArchives.compress(compression, cpio));
    byte[] header = header(mainTags(cpio.length, payload));
    Map<Integer, Tag> sig = new LinkedHashMap<>();
    sig.put(RpmTags.SIG_SIZE, int32((long) header.length + payload.length));
    sig.put(RpmTags.SIG_SHA256, string(hex("SHA-256", header)));
    sig.put(RpmTags.SIG_PAYLOADSIZE, int32(cpio.length));
    sig.putAll(signatureOverrides);
    sig.values().removeIf(t -> t == null);
    byte[] signature = header(sig);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(lead());
    out.writeBytes(signature);
    while (out.size() % 8 != 0) {
      out.write(0);
    }
    out.writeBytes(header);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private Map<Integer, Tag> mainTags(long cpioSize, byte[] payload) {
    Map<Integer, Tag> tags = new LinkedHashMap<>();
    tags.put(RpmTags.NAME, string(name));
    tags.put(RpmTags.VERSION, string(version));
    tags.put(RpmTags.RELEASE, string(release));
    if (epoch != null) {
      tags.put(RpmTags.EPOCH, int32(epoch));
    }
    tags.put(RpmTags.ARCH, string(arch));
    relations(tags, provides, RpmTags.PROVIDENAME, RpmTags.PROVIDEFLAGS, RpmTags.PROVIDEVERSION);
    relations(tags, requires, RpmTags.REQUIRENAME, RpmTags.REQUIREFLAGS, RpmTags.REQUIREVERSION);
    relations(tags, conflicts, RpmTags.CONFLICTNAME, RpmTags.CONFLICTFLAGS,
        RpmTags.CONFLICTVERSION);
    if (postin != null) {
      tags.put(RpmTags.POSTIN, string(postin));
      tags.put(RpmTags.POSTINPROG, string("/bin/sh"));
    }
    if (!files.isEmpty()) {
      List<String> dirs = new ArrayList<>();
      List<String> bases = new ArrayList<>();
      long[] indexes = new long[files.size()];
      long[] sizes = new long[files.size()];
      int[] modes = new int[files.size()];
      long[] flags = new long[files.size()];
      long[] inodes = new long[files.size()];
      long[] devices = new long[files.size()];
      List<String> links = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        FileSpec f = files.get(i);
        String full = "/" + f.path;
        int slash = full.lastIndexOf('/');
        String dir = full.substring(0, slash + 1);
        if (!dirs.contains(dir)) {
          dirs.add(dir);
        }
        indexes[i] = dirs.indexOf(dir);
        bases.add(full.substring(slash + 1));
        boolean regular = (f.mode & 0170000) == 0100000;
        sizes[i] = f.declaredSize >= 0 ? f.declaredSize
            : regular ? f.content.length : f.link.getBytes(StandardCharsets.UTF_8).length;
        modes[i] = f.mode;
        flags[i] = f.flags;
        inodes[i] = f.inode;
        devices[i] = 1;
        links.add(f.link);
        digests.add(regular ? hex("SHA-256", f.content) : "");
      }
      tags.put(RpmTags.DIRINDEXES, int32(indexes));
      tags.put(RpmTags.BASENAMES, strings(bases));
      tags.put(RpmTags.DIRNAMES, strings(dirs));
      tags.put(longSizes ? RpmTags.LONGFILESIZES : RpmTags.FILESIZES,
          longSizes ? int64(sizes) : int32(sizes));
      tags.put(RpmTags.FILEMODES, int16(modes));
      tags.put(RpmTags.FILEFLAGS, int32(flags));
      tags.put(RpmTags.FILEINODES, int32(inodes));
      tags.put(RpmTags.FILEDEVICES, int32(devices));
      tags.put(RpmTags.FILELINKTOS, strings(links));
      tags.put(RpmTags.FILEDIGESTS, strings(digests));
      tags.put(RpmTags.FILEDIGESTALGO, int32(8));
    }
    tags.put(RpmTags.PAYLOADFORMAT, string("cpio"));
    if (declareCompressor) {
      tags.put(RpmTags.PAYLOADCOMPRESSOR, string(compression.rpmName()));
    }
    tags.put(RpmTags.PAYLOADDIGEST, strings(List.of(hex("SHA-256", payload))));
    tags.put(RpmTags.PAYLOADDIGESTALGO, int32(8));
    tags.putAll(overrides);
    tags.values().removeIf(t -> t == null);
    return tags;
  }

  private static void relations(
      Map<Integer, Tag> tags, List<Object[]> list, int nameTag, int flagsTag, int versionTag) {
    if (list.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>();
    long[] flags = new long[list.size()];
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      names.add((String) list.get(i)[0]);
      flags[i] = (Integer) list.get(i)[1];
      versions.add((String) list.get(i)[2]);
    }
    tags.put(nameTag, strings(names));
    tags.put(flagsTag, int32(flags));
    tags.put(versionTag, strings(versions));
  }

  private byte[] cpio() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<Integer, Integer> lastOfInode = new LinkedHashMap<>();
    Map<Integer, Integer> linkCount = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      lastOfInode.put(files.get(i).inode, i);
      linkCount.merge(files.get(i).inode, 1, Integer::sum);
    }
    for (int i = 0; i < files.size(); i++) {
      FileSpec f = files.get(i);
      if (!f.inPayload) {
        continue;
      }
      boolean regular = (f.mode & 0170000) == 0100000;
      boolean holder = lastOfInode.get(f.inode) == i;
      byte[] data = f.payloadData != null ? f.payloadData
          : !regular ? f.link.getBytes(StandardCharsets.UTF_8)
          : holder ? f.content : new byte[0];
      String name = f.payloadName != null ? f.payloadName : "./" + f.path;
      long mode = f.payloadMode >= 0 ? f.payloadMode : f.mode;
      TestArchives.cpio(out, name, mode, linkCount.get(f.inode), f.inode, data.length, data);
    }
    TestArchives.cpioTrailer(out);
    return out.toByteArray();
  }

  private byte[] lead() {
    ByteBuffer lead = ByteBuffer.allocate(96);
    lead.put(new byte[] {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb, 3, 0});
    lead.putShort((short) 0);
    lead.putShort((short) 1);
    byte[] label = (name + "-" + version + "-" + release).getBytes(StandardCharsets.UTF_8);
    lead.put(label, 0, Math.min(65, label.length));
    lead.position(76);
    lead.putShort((short) 1);
    lead.putShort((short) 5);
    return lead.array();
  }

  /** A header structure of {@code tags}, in map order, with aligned data. */
  static byte[] header(Map<Integer, Tag> tags) {
    ByteArrayOutputStream store = new ByteArrayOutputStream();
    ByteBuffer index = ByteBuffer.allocate(16 * tags.size());
    int[] align = {1, 1, 1, 2, 4, 8, 1, 1, 1, 1};
    for (Map.Entry<Integer, Tag> e : tags.entrySet()) {
      Tag t = e.getValue();
      while (store.size() % align[t.type] != 0) {
        store.write(0);
      }
      index.putInt(e.getKey()).putInt(t.type).putInt(store.size()).putInt(t.count);
      store.writeBytes(t.data);
    }
    ByteBuffer out = ByteBuffer.allocate(16 + index.capacity() + store.size());
    out.put(new byte[] {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01, 0, 0, 0, 0});
    out.putInt(tags.size()).putInt(store.size());
    out.put(index.array()).put(store.toByteArray());
    return out.array();
  }

  static Tag string(String value) {
    return new Tag(STRING, 1, (value + "\0").getBytes(StandardCharsets.UTF_8));
  }

  static Tag strings(List<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String v : values) {
      out.writeBytes((v + "\0").getBytes(StandardCharsets.UTF_8));
    }
    return new Tag(STRING_ARRAY, values.size(), out.toByteArray());
  }

  static Tag int16(int... values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length);
    for (int v : values) {
      b.putShort((short) v);
    }
    return new Tag(INT16, values.length, b.array());
  }

  static Tag int32(long... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length);
    for (long v : values) {
      b.putInt((int) v);
    }
    return new Tag(INT32, values.length, b.array());
  }

  static Tag int64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length);
    for (long v : values) {
      b.putLong(v);
    }
    return new Tag(INT64, values.length, b.array());
  }

  static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
