package dev.rdmaforge.build.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install-post hook as rpmbuild runs it over a vendor SRPM's build root (MLNX_OFED's
 * mlnx-ofa_kernel installs its modules below lib/modules/KVER/extra/mlnx-ofa_kernel/...): every
 * .ko is handed to sign-file, nothing else is, compressed modules and a failing sign-file stop the
 * build. A stand-in sign-file records its arguments; the real one is run by SignedBuildIT.
 */
class SignHookTest {
  @TempDir Path dir;
  Path root;
  Path buildroot;
  ModuleSigning signing;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    buildroot = Files.createDirectories(dir.resolve("buildroot"));
    Path signFile = fakeSignFile("printf ' signed %s %s %s' \"$1\" \"$2\" \"$3\" >> \"$4\"");
    signing = new ModuleSigning(signFile, dir.resolve("key.pem"), dir.resolve("cert.x509"),
        "sha256");
  }

  private Path fakeSignFile(String body) throws IOException {
    Path p = dir.resolve("sign-file");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private Path module(String path, String content) throws IOException {
    Path p = buildroot.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  /** Runs the hook's command as rpm's shell would after expanding the define. */
  private HookRun run() throws IOException, InterruptedException {
    List<String> define = SignHook.install(root, signing);
    String value = define.get(1);
    assertThat(value).startsWith("__spec_install_post " + SignHook.RPM_CHAIN + " /bin/sh '")
        .endsWith(" %{buildroot}");
    Process p = new ProcessBuilder("/bin/sh", "-c",
        SignHook.command(root.resolve(SignHook.SCRIPT), signing) + " '" + buildroot + "'")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new HookRun(p.waitFor(), out);
  }

  @Test
  void everyKoOfTheBuildRoot_isSigned_andNothingElse() throws Exception {
    Path a = module("lib/modules/6.1.0-56-amd64/extra/ofa/ofa_core.ko", "A");
    Path b = module("lib/modules/6.1.0-56-amd64/extra/ofa/sub dir/ofa_compat.ko", "B");
    Path h = module("usr/src/ofa_kernel/x86_64/6.1.0-56-amd64/Module.symvers", "S");
    HookRun r = run();
    assertThat(r.exit()).as(r.output()).isZero();
    String args = " signed sha256 " + dir.resolve("key.pem") + " " + dir.resolve("cert.x509");
    assertThat(Files.readString(a)).isEqualTo("A" + args);
    assertThat(Files.readString(b)).isEqualTo("B" + args);
    assertThat(Files.readString(h)).isEqualTo("S");
    assertThat(r.output()).contains("rdmaforge: signed /lib/modules/6.1.0-56-amd64/extra/ofa/"
        + "ofa_core.ko");
  }

  @Test
  void aCompressedModule_stopsTheBuild() throws Exception {
    module("lib/modules/6.1.0-56-amd64/extra/knem.ko.xz", "X");
    HookRun r = run();
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.output()).contains("knem.ko.xz is compressed before it could be signed");
  }

  @Test
  void aFailingSignFile_stopsTheBuild() throws Exception {
    signing = new ModuleSigning(fakeSignFile("echo 'sign-file: key.pem: No such file' >&2; exit 2"),
        signing.key(), signing.certificate(), "sha256");
    module("lib/modules/6.1.0-56-amd64/extra/ofa_core.ko", "A");
    HookRun r = run();
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("sign-file: key.pem: No such file");
  }

  @Test
  void quoting_keepsQuotesAndPercentSignsLiteral() {
    assertThat(SignHook.quote("/site/o'brien/%{key}.pem"))
        .isEqualTo("'/site/o'\\''brien/%%{key}.pem'");
  }

  /** The hook's exit and output. */
  private record HookRun(int exit, String output) {}
}
