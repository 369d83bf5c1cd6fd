package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test modules for a kernel, compiled for real against its installed Debian headers the first
 * time they are asked for and then taken from the cache ({@code DebianKernels.cacheDir()/modules/
 * RELEASE/KEY}, key = {@link ModuleSources#cacheKey}); a file lock makes parallel JVMs wait for one
 * build instead of compiling twice.
 *
 * <pre>
 * BuiltModules n = TestModules.forKernel(DebianKernels.newest61());
 * Path consumer = n.module(TestModule.CONSUMER_V1);
 * Path signed = n.variants().signedCopy(consumer, dir.resolve("extra/consumer.ko"));
 * </pre>
 */
public final class TestModules {

  private static final Map<String, BuiltModules> BUILT = new ConcurrentHashMap<>();

  private TestModules() {}

  /** The modules built for {@code kernel}'s release (see the class comment). */
  public static BuiltModules forKernel(DebianKernel kernel) {
    return forRelease(kernel.release());
  }

  /**
   * The modules built for {@code release}, whose headers must be installed in {@code
   * /usr/src/linux-headers-RELEASE}.
   */
  public static BuiltModules forRelease(String release) {
    BuiltModules known = BUILT.get(release);
    if (known != null) {
      return known;
    }
    BuiltModules built =
        build(new BuildCache(DebianKernels.cacheDir().resolve("modules")), release);
    BUILT.putIfAbsent(release, built);
    return BUILT.get(release);
  }

  static BuiltModules build(BuildCache cache, String release) {
    long start = System.nanoTime();
    KbuildCompiler compiler = KbuildCompiler.forRelease(release);
    String key;
    try {
      key = ModuleSources.cacheKey(Files.readAllBytes(compiler.symvers()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + compiler.symvers(), e);
    }
    BuildCache.Entry entry = cache.entry(release, key, compiler::compileInto);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new BuiltModules(release, entry.dir(), entry.built(), elapsed);
  }

  /** The certificate of the key {@link ModuleVariants#signedCopy} signs with (DER). */
  public static Path testCertificate() {
    return TestSigningKey.get().certificate();
  }

  /** The private key (PEM) of {@link #testCertificate()}. */
  public static Path testPrivateKey() {
    return TestSigningKey.get().privateKey();
  }
}
