package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.modules.TestModule.BuildDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C sources of the {@link TestModule}s, their Kbuild files and the cache key of a build.
 *
 * <p>The key is the SHA-256 (first 16 hex digits) of this text, one line per input, in enum order:
 *
 * <pre>
 * format FORMAT                          the post-processing (strip) version
 * symvers SHA256                         the headers' Module.symvers
 * DIR/Kbuild SHA256                      per build directory
 * DIR/NAME.c SHA256                      per source, under its name in the build directory
 * </pre>
 *
 * so a changed source, Kbuild line, strip rule or kernel ABI gives a new cache entry.
 */
public final class ModuleSources {

  /** Bump when what a build does to its outputs changes (e.g. the strip options). */
  static final String FORMAT = "1 strip-debug";

  private static final String RESOURCE_DIR = "/dev/rdmaforge/testkit/modules/";

  private ModuleSources() {}

  /** The modules of {@code dir}, in enum order. */
  public static List<TestModule> modulesOf(BuildDir dir) {
    List<TestModule> modules = new ArrayList<>();
    for (TestModule module : TestModule.values()) {
      if (module.dir() == dir) {
        modules.add(module);
      }
    }
    return modules;
  }

  /** The Kbuild file of {@code dir}: one {@code obj-m} line naming each module. */
  public static String kbuild(BuildDir dir) {
    StringBuilder text = new StringBuilder("obj-m :=");
    for (TestModule module : modulesOf(dir)) {
      text.append(' ').append(module.moduleName()).append(".o");
    }
    return text.append('\n').toString();
  }

  /** The source text of {@code module} from the test kit's resources. */
  public static String source(TestModule module) {
    String name = RESOURCE_DIR + module.source();
    try (InputStream in = ModuleSources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the test kit jar has no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resource " + name, e);
    }
  }

  /**
   * Every file of a build, keyed by its path relative to the build directory ({@code v1/Kbuild},
   * {@code v1/provider.c}, ...), in enum order.
   */
  public static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    for (BuildDir dir : BuildDir.values()) {
      files.put(dir.dirName() + "/Kbuild", kbuild(dir));
      for (TestModule module : modulesOf(dir)) {
        files.put(dir.dirName() + "/" + module.moduleName() + ".c", source(module));
      }
    }
    return files;
  }

  /** Writes {@link #files()} below {@code buildDir}. */
  public static void writeTo(Path buildDir) {
    try {
      for (Map.Entry<String, String> file : files().entrySet()) {
        Path target = buildDir.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write module sources to " + buildDir, e);
    }
  }

  /** The cache key for a build against headers whose Module.symvers has {@code symversBytes}. */
  public static String cacheKey(byte[] symversBytes) {
    StringBuilder description = new StringBuilder();
    description.append("format ").append(FORMAT).append('\n');
    description.append("symvers ").append(sha256(symversBytes)).append('\n');
    for (Map.Entry<String, String> file : files().entrySet()) {
      description
          .append(file.getKey())
          .append(' ')
          .append(sha256(file.getValue().getBytes(StandardCharsets.UTF_8)))
          .append('\n');
    }
    return sha256(description.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
