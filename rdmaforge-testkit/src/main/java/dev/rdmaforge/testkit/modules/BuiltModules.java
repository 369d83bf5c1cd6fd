package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.modules.TestModule.BuildDir;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@link TestModule}s compiled for one kernel release, in the module cache. The files are
 * shared by every test and JVM: read them, hard-link them, or copy them with {@link
 * ModuleVariants}; never write to them.
 *
 * @param release the kernel release they were built for, e.g. {@code 6.1.0-56-amd64}
 * @param dir the cache entry ({@code CACHE/modules/RELEASE/KEY})
 * @param compiled whether this JVM compiled them (false: taken from the cache)
 * @param elapsed how long getting them took (compiling, or finding them in the cache)
 */
public record BuiltModules(String release, Path dir, boolean compiled, Duration elapsed) {

  /** The unsigned, debug-stripped module file, e.g. {@code .../v1/provider.ko}. */
  public Path module(TestModule module) {
    return dir.resolve(module.dir().dirName()).resolve(module.fileName());
  }

  /** The {@code Module.symvers} modpost wrote for the modules of {@code buildDir}. */
  public Path symvers(BuildDir buildDir) {
    return dir.resolve(buildDir.dirName()).resolve("Module.symvers");
  }

  /** make's output of the build, for failure messages. */
  public Path buildLog() {
    return dir.resolve("build.log");
  }

  /** Signed, tampered, unversioned and compressed copies, signed with this release's sign-file. */
  public ModuleVariants variants() {
    return ModuleVariants.forRelease(release);
  }
}
