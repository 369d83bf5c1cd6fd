package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams a DEB's data.tar and turns each tar entry into a checked {@link PackagedFile}: a safe
 * path, named once; a directory, regular file, symbolic link, or hard link to a regular file that
 * came before it in the same archive (a hard link to anything else would reach outside the
 * package); sizes within the {@link SizeBudget}; digests from md5sums and the config flag from
 * conffiles. It also collects the file list, for {@link Packages#read}.
 */
final class DebPayloadReader implements PayloadReader {
  private final Path file;
  private final FileChannel channel;
  private final DebControl control;
  private final RegionInput raw;
  private final InputStream decompressed;
  private final TarArchiveInputStream tar;
  private final SizeBudget budget;
  private final boolean verify;
  private final Map<String, PackagedFile> seen = new HashMap<>();
  private final List<PackagedFile> files = new ArrayList<>();
  private final String what;
  private EntryContent current;
  private boolean done;

  /** Opens the data member of a DEB whose control part was read; owns {@code channel}. */
  DebPayloadReader(Path file, FileChannel channel, DebControl control, boolean verify) {
    this.file = file;
    this.channel = channel;
    this.control = control;
    this.verify = verify;
    ArArchive.Member data = control.data();
    this.what = "member " + data.name();
    this.budget = new SizeBudget(file, data.size(), control.dataCompression());
    this.raw = new RegionInput(channel, data.dataOffset(), data.end(), null);
    this.decompressed = CappedInput.of(file, what,
        Decompressors.open(file, what, control.dataCompression(), raw),
        budget.limit() + SizeBudget.SLACK);
    this.tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
  }

  /** The control part this payload belongs to. */
  DebControl control() {
    return control;
  }

  /** The entries returned so far (all of them once {@link #next()} returned empty). */
  List<PackagedFile> files() {
    return files;
  }

  @Override
  public Optional<PayloadEntry> next() {
    if (current != null) {
      current.drain();
      current = null;
    }
    while (!done) {
      TarArchiveEntry entry = DebReader.nextTarEntry(file, raw, what, tar);
      if (entry == null) {
        done = true;
        drainToEnd();
        break;
      }
      String path = PackagePaths.strip(entry.getName());
      if (path.isEmpty()) {
        continue; // "./": the root directory itself
      }
      return Optional.of(check(entry, path));
    }
    return Optional.empty();
  }

  private PayloadEntry check(TarArchiveEntry entry, String path) {
    String name = entry.getName();
    String problem = PackagePaths.problem(path);
    if (problem != null) {
      throw PackageProblems.atEntry(file, name, problem, PackageProblems.HOSTILE);
    }
    if (seen.containsKey(path)) {
      throw PackageProblems.atEntry(file, name, "it is twice in " + control.data().name(),
          PackageProblems.DAMAGED);
    }
    int permissions = entry.getMode() & 07777;
    FileType type;
    long size = 0;
    Optional<String> target = Optional.empty();
    byte flag = entry.getLinkFlag();
    if (entry.isSparse()) {
      flag = TarConstants.LF_GNUTYPE_SPARSE; // GNU or PAX sparse: the data is no plain file
    }
    if (flag == TarConstants.LF_DIR) {
      type = FileType.DIR;
    } else if (flag == TarConstants.LF_SYMLINK) {
      type = FileType.SYMLINK;
      String link = entry.getLinkName();
      if (link == null || link.isEmpty()) {
        throw PackageProblems.atEntry(file, name, "a symbolic link without a target",
            PackageProblems.DAMAGED);
      }
      target = Optional.of(link);
      size = link.getBytes(StandardCharsets.UTF_8).length;
    } else if (flag == TarConstants.LF_LINK) {
      type = FileType.HARDLINK;
      String targetPath = PackagePaths.strip(entry.getLinkName());
      PackagedFile linked = seen.get(targetPath);
      if (linked == null || linked.type() != FileType.FILE) {
        throw PackageProblems.atEntry(file, name, "a hard link to '" + entry.getLinkName()
            + "', which is no regular file of this package before it: the link would reach"
            + " outside the package", PackageProblems.HOSTILE);
      }
      target = Optional.of(targetPath);
      size = linked.size();
    } else if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
        || flag == TarConstants.LF_CONTIG) {
      type = FileType.FILE;
      size = entry.getSize();
      budget.declare(name, size);
    } else {
      String kind = flag == TarConstants.LF_CHR || flag == TarConstants.LF_BLK ? "a device node"
          : flag == TarConstants.LF_FIFO ? "a FIFO" : flag == TarConstants.LF_GNUTYPE_SPARSE
          ? "a sparse file" : "a tar entry of type '" + (char) flag + "'";
      throw PackageProblems.atEntry(file, name, "it is " + kind + ", which rdmaforge never"
          + " creates", "a kernel-module package needs none: " + PackageProblems.HOSTILE);
    }
    Optional<FileDigest> digest = type == FileType.FILE || type == FileType.HARDLINK
        ? Optional.ofNullable(control.md5sums().get(path)) : Optional.empty();
    PackagedFile f = new PackagedFile(path, type, PackagedFile.typeBits(type) | permissions,
        size, target, digest, control.conffiles().contains(path), false);
    seen.put(path, f);
    files.add(f);
    if (type != FileType.FILE) {
      return new PayloadEntry(f, EntryContent.empty());
    }
    current = new EntryContent(file, f, size, tar, verify);
    return new PayloadEntry(f, current);
  }

  /** Reads past the tar end blocks, so that the decoder checks its trailer (CRC, index). */
  private void drainToEnd() {
    try {
      decompressed.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw PackageProblems.atByte(file, raw.position(), what + " cannot be read to its end ("
          + e.getMessage() + ")", PackageProblems.DAMAGED, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // a read-only channel: nothing is lost
    }
  }
}
