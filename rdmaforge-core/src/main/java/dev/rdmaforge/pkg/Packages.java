package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reading and extracting RPM and DEB packages. The format is recognised by its magic bytes, not
 * the file name. Every method throws {@link UserInputException} for a package that is missing,
 * unreadable, damaged or hostile, naming the file, the byte offset or entry, and what to do.
 */
public final class Packages {
  private Packages() {}

  /** The package's model: header fields, relations and full file list. */
  public static PackageFile read(Path file) {
    return format(file) == PackageFormat.RPM ? readRpm(file).pkg() : readDeb(file).pkg();
  }

  /** The format of {@code file}, from its magic bytes. */
  public static PackageFormat format(Path file) {
    try (FileChannel channel = channel(file)) {
      byte[] head = new byte[8];
      int n = Math.max(0, channel.read(ByteBuffer.wrap(head), 0));
      if (n >= 4 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 4),
          RpmReader.LEAD_MAGIC)) {
        return PackageFormat.RPM;
      }
      if (ArArchive.hasMagic(head, n)) {
        return PackageFormat.DEB;
      }
      throw PackageProblems.atByte(file, 0, "neither an RPM (magic ED AB EE DB) nor a Debian"
          + " package (magic !<arch>); it starts with " + RpmHeader.hex(
          java.util.Arrays.copyOf(head, n)), "give a .rpm or .deb file");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** An RPM's model and raw headers; the payload is not read. */
  public static RpmPackage readRpm(Path file) {
    try (FileChannel channel = channel(file)) {
      return RpmReader.read(file, channel);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** A DEB's model and control fields; its data.tar is streamed once for the file list. */
  public static DebPackage readDeb(Path file) {
    Opened opened = open(file, false, PackageFormat.DEB);
    try (PayloadReader reader = opened.reader()) {
      while (reader.next().isPresent()) {
        // listing only: the entries are collected by the reader
      }
    }
    return new DebPackage(opened.debModel(), opened.debReader().control().fields());
  }

  /**
   * The package's payload as a stream of checked entries (see {@link PayloadReader}); close it
   * when done.
   */
  public static PayloadReader openPayload(Path file) {
    return open(file, true).reader();
  }

  /** Extracts a package, or the selected part of it, below an output root (see the request). */
  public static ExtractionResult extract(ExtractionRequest request) {
    return PackageExtractor.extract(request);
  }

  /** An open payload and what was read to open it. */
  record Opened(Path file, RpmPackage rpm, DebPayloadReader debReader, PayloadReader reader) {
    /** The DEB model with the entries read so far (all of them once the reader is done). */
    PackageFile debModel() {
      return DebReader.model(file, debReader.control(), debReader.files());
    }
  }

  static Opened open(Path file, boolean verify) {
    return open(file, verify, format(file));
  }

  private static Opened open(Path file, boolean verify, PackageFormat format) {
    FileChannel channel = null;
    try {
      channel = channel(file);
      if (format == PackageFormat.RPM) {
        RpmPackage rpm = RpmReader.read(file, channel);
        RpmPayloadReader reader = new RpmPayloadReader(rpm, channel, verify);
        channel = null;
        return new Opened(file, rpm, null, reader);
      }
      DebControl control = DebReader.control(file, channel);
      DebReader.model(file, control, List.of()); // the control fields are checked before the data
      DebPayloadReader reader = new DebPayloadReader(file, channel, control, verify);
      channel = null;
      return new Opened(file, null, reader, reader);
    } catch (IOException e) {
      throw unreadable(file, e);
    } finally {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // read-only
        }
      }
    }
  }

  private static FileChannel channel(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new UserInputException(file + ": is a directory; give a .rpm or .deb file");
    }
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  private static UserInputException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new UserInputException(file + ": no such file; give the path of a .rpm or .deb");
    }
    if (e instanceof AccessDeniedException) {
      return new UserInputException(file + ": permission denied; make it readable");
    }
    return new UserInputException(file + ": cannot read: " + e.getMessage()
        + "; check the file and the disk", e);
  }
}
