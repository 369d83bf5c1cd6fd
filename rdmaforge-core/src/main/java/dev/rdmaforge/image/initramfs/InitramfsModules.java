package dev.rdmaforge.image.initramfs;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The kernel modules an initramfs carries for one kernel release: the files below {@code
 * usr/lib/modules/REL/} or {@code lib/modules/REL/} named {@code .ko}, {@code .ko.xz}, {@code
 * .ko.zst} or {@code .ko.gz}, each with the digest of its decompressed image, and the initramfs's
 * own {@code modules.dep} when it has one. Read in the same single pass as the {@link
 * InitramfsImage}.
 */
public final class InitramfsModules {
  private static final String[] SUFFIXES = {".ko", ".ko.xz", ".ko.zst", ".ko.gz"};

  private final InitramfsImage image;
  private final String release;
  private final List<InitramfsModule> modules;
  private final Map<String, InitramfsModule> byName;
  private final String modulesDep;

  private InitramfsModules(InitramfsImage image, String release, List<InitramfsModule> modules,
      String modulesDep) {
    this.image = image;
    this.release = release;
    this.modules = List.copyOf(modules);
    this.modulesDep = modulesDep;
    Map<String, InitramfsModule> names = new LinkedHashMap<>();
    for (InitramfsModule m : this.modules) {
      names.put(m.name(), m); // a later entry overwrites an earlier one when unpacked
    }
    this.byName = names;
  }

  /** Reads the modules for {@code release} with the default limits. */
  public static InitramfsModules read(Path initramfs, String release) {
    return read(initramfs, release, InitramfsLimits.defaults());
  }

  /**
   * Reads {@code initramfs} once: its entries and the modules of {@code release}.
   *
   * @throws UserInputException when the file is damaged, exceeds {@code limits}, or a module in it
   *     cannot be decompressed (naming the module)
   */
  public static InitramfsModules read(Path initramfs, String release, InitramfsLimits limits) {
    List<String> prefixes = List.of("usr/lib/modules/" + release + "/",
        "lib/modules/" + release + "/");
    List<InitramfsEntry> entries = new ArrayList<>();
    List<CpioHeader> headers = new ArrayList<>();
    List<InitramfsModule> modules = new ArrayList<>();
    String[] dep = {null};
    byte[] buffer = new byte[1 << 16];
    EntrySink sink = (segment, header, content) -> {
      headers.add(header);
      String path = InitramfsEntry.normalize(header.name());
      String prefix = prefixes.stream().filter(path::startsWith).findFirst().orElse(null);
      if (prefix == null || header.type() != EntryType.FILE) {
        entries.add(InitramfsImage.entry(segment, header, content, buffer));
        return;
      }
      String relative = path.substring(prefix.length());
      boolean isModule = isModuleName(relative);
      boolean isDep = relative.equals("modules.dep");
      if (!isModule && !isDep) {
        entries.add(InitramfsImage.entry(segment, header, content, buffer));
        return;
      }
      byte[] bytes = keep(initramfs, header, content, limits);
      String fileSha = hex(InitramfsImage.sha256().digest(bytes));
      entries.add(new InitramfsEntry(header.name(), EntryType.FILE, (int) (header.mode() & 07777),
          bytes.length, fileSha, null, segment));
      if (isDep) {
        dep[0] = new String(bytes, StandardCharsets.UTF_8);
      } else if (bytes.length > 0) {
        byte[] image = decompress(initramfs, header.name(), bytes, limits);
        // initramfs-tools decompresses modules when it can: most are plain, same digest
        String imageSha = image == bytes ? fileSha : hex(InitramfsImage.sha256().digest(image));
        modules.add(new InitramfsModule(ModuleReader.moduleNameOf(relative), header.name(),
            relative, bytes.length, imageSha));
      }
    };
    List<InitramfsSegment> segments = InitramfsReader.read(initramfs, limits, sink);
    modules.sort(Comparator.comparing(InitramfsModule::relativePath));
    return new InitramfsModules(InitramfsImage.of(initramfs, segments, entries, headers), release,
        modules, dep[0]);
  }

  /** The whole initramfs, read in the same pass. */
  public InitramfsImage image() {
    return image;
  }

  /** The kernel release the modules were looked up for. */
  public String release() {
    return release;
  }

  /** Every module file for the release, sorted by relative path. */
  public List<InitramfsModule> modules() {
    return modules;
  }

  /** The module names present (kmod's spelling). */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /** The module file for {@code name} ({@code '-'} and {@code '_'} alike), if any. */
  public Optional<InitramfsModule> module(String name) {
    return Optional.ofNullable(byName.get(name.replace('-', '_')));
  }

  /** The initramfs's own {@code modules.dep} text, if it carries one. */
  public Optional<String> modulesDep() {
    return Optional.ofNullable(modulesDep);
  }

  static boolean isModuleName(String relative) {
    String base = relative.substring(relative.lastIndexOf('/') + 1);
    for (String s : SUFFIXES) {
      if (base.length() > s.length() && base.endsWith(s)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] keep(Path file, CpioHeader h, InputStream content, InitramfsLimits limits)
      throws IOException {
    if (h.fileSize() > limits.maxKeptFile()) {
      throw new UserInputException(file + ": the entry " + h.name() + " at " + h.offset()
          + " of its segment is " + h.fileSize() + " bytes, more than the " + limits.maxKeptFile()
          + " kept for a module; the initramfs is not sane: regenerate it");
    }
    return content.readNBytes((int) h.fileSize());
  }

  private static byte[] decompress(Path file, String name, byte[] raw, InitramfsLimits limits) {
    InputStream in;
    try {
      if (startsWith(raw, 0xfd, '7', 'z', 'X', 'Z', 0)) {
        in = new XZInputStream(new ByteArrayInputStream(raw), -1, true);
      } else if (startsWith(raw, 0x28, 0xb5, 0x2f, 0xfd)) {
        in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(raw));
      } else if (startsWith(raw, 0x1f, 0x8b)) {
        in = new GZIPInputStream(new ByteArrayInputStream(raw));
      } else {
        return raw; // kmod too decides by the magic, not the name
      }
      try (InputStream s = in) {
        byte[] out = s.readNBytes(limits.maxKeptFile() + 1);
        if (out.length > limits.maxKeptFile()) {
          throw new UserInputException(file + ": the module " + name + " decompresses to more"
              + " than " + limits.maxKeptFile() + " bytes; the initramfs is not sane: regenerate"
              + " it");
        }
        return out;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserInputException u) {
        throw u;
      }
      throw new UserInputException(file + ": the module " + name + " inside cannot be"
          + " decompressed (" + e.getMessage() + "); regenerate the initramfs", e);
    }
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
