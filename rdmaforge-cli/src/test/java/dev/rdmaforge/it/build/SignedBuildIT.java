package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kernel.keys.ModuleSignatureVerifier;
import dev.rdmaforge.kernel.keys.SignatureOutcome;
import dev.rdmaforge.kernel.keys.SignatureVerdict;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.judge.BootReport;
import dev.rdmaforge.testkit.judge.JudgeScenario;
import dev.rdmaforge.testkit.judge.KernelJudge;
import dev.rdmaforge.testkit.judge.LoadVerdict;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A site that enforces module signatures and signs its rebuilt RDMA stack with its own key (the
 * key a node image enrolls with mokutil): the 6.1.0-47 ofed-like bundle and its lustre-like
 * dependent rebuilt for 6.1.0-56 with {@code signing:}. Every module in the output packages is
 * signed by that key (rdmaforge's reader, modinfo, and openssl cms on the extracted PKCS#7), the
 * packages' file digests are those of the signed modules, check predicts "loads" with the
 * certificate trusted and "signature-rejected" with the kernel's built-in keys only, and the booted
 * 6.1.0-56 kernel under module.sig_enforce=1 refuses them as check said.
 */
class SignedBuildIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CN = "rdmaforge SignedBuildIT site key";
  private static final byte[] MAGIC = "~Module signature appended~\n"
      .getBytes(StandardCharsets.US_ASCII);
  private static final List<String> TARGETS = List.of("ofa_core", "knem_like", "ko2iblnd_like");

  @TempDir Path dir;

  @Test
  void signedRebuild_isSignedByTheStacksKey_andRefusedUnderEnforcementWithoutIt()
      throws Exception {
    DebianKernel newest = DebianKernels.newest61();
    String n = newest.release();
    SyntheticBundle old = SyntheticBundles.forRelease(DebianKernels.oldest61().release());
    Path key = dir.resolve("site_key.pem");
    Path cert = dir.resolve("site_key.x509");
    Processes.runChecked(dir, List.of("openssl", "req", "-new", "-x509", "-newkey", "rsa:2048",
        "-nodes", "-days", "36500", "-sha256", "-subj", "/CN=" + CN + "/", "-outform", "DER",
        "-keyout", key.toString(), "-out", cert.toString()));
    Path certPem = dir.resolve("site_key.crt");
    Processes.runChecked(dir, List.of("openssl", "x509", "-inform", "DER", "-in",
        cert.toString(), "-out", certPem.toString()));
    Path stack = Files.writeString(dir.resolve("stack.yaml"), "bundle: " + old.bundleDir()
        + "\nkernels:\n  - release: " + n + "\n    headers: /usr/src/linux-headers-" + n
        + "\n    image: " + newest.root().resolve("boot/vmlinuz-" + n)
        + "\ndependents:\n  - name: lustre-like\n    source: " + old.dependentSrpm()
        + "\n    provider: kmod-ofa-like\n    options: [\"--with-o2ib={provider.devel}\"]\n"
        + "output:\n  format: rpm\n  directory: ./out\n"
        + "signing:\n  key: ./site_key.pem\n  certificate: ./site_key.x509\n  hash: sha256\n");

    ProcessResult plan = Rdmaforge.run("plan", stack.toString(), "--store",
        dir.resolve("store").toString());
    assertThat(plan.exitCode()).as(plan.describe()).isZero();
    // The pre-check reads the 6.1.0-56 image's built-in keys (Debian's): the site key is not one.
    assertThat(plan.stdout()).contains("info RF-STK-011: kernel " + n + " does not have 'CN="
        + CN + "' among its").contains("mokutil --import " + cert);
    ProcessResult build = Rdmaforge.run("build", stack.toString(), "--store",
        dir.resolve("store").toString(), "--work", dir.resolve("work").toString());
    assertThat(build.exitCode()).as(build.describe()).isZero();
    // The build's own load check: signed by the stack's key, refused by the built-in keys alone.
    List<String> loadCheck = build.stdout().lines().filter(l -> l.startsWith("load check: "))
        .toList();
    assertThat(loadCheck).as(build.describe()).hasSize(3).allSatisfy(l -> assertThat(l)
        .contains(": loads; ").contains(" module(s) signed by site_key.x509; refused under"
            + " enforcement by the kernel's built-in keys (key-unavailable): enroll " + cert));

    Path out = dir.resolve("out");
    Path bundle = out.resolve("MLNX_OFED_LINUX-" + SyntheticBundle.VERSION + "-debian12-x86_64");
    String kver = n.replace('-', '_');
    List<Path> rpms = new ArrayList<>();
    try (Stream<Path> s = Stream.concat(Files.list(bundle.resolve("RPMS/COMMON")),
        Files.list(out.resolve("dependents")))) {
      s.filter(p -> p.toString().endsWith(".rpm") && p.getFileName().toString().contains(kver))
          .sorted().forEach(rpms::add);
    }
    TrustedKeys site = TrustedKeys.builder().addCertificates(cert).build();
    Map<String, Path> modules = new LinkedHashMap<>();
    for (Path rpm : rpms) {
      Path into = unpack(rpm, dir.resolve("x").resolve(rpm.getFileName().toString()));
      Map<String, String> digests = fileDigests(rpm);
      try (Stream<Path> s = Files.walk(into)) {
        for (Path ko : s.filter(p -> p.toString().endsWith(".ko")).sorted().toList()) {
          modules.put(ko.getFileName().toString(), ko);
          byte[] image = Files.readAllBytes(ko);
          // The package's digest is the signed module's: signing came before packaging.
          assertThat(digests.get("/" + into.relativize(ko))).isEqualTo(sha256(image));
          SignatureVerdict v = new ModuleSignatureVerifier().verify(ByteBuffer.wrap(image), site);
          assertThat(v.outcome()).as(ko + ": " + v).isEqualTo(SignatureOutcome.VALID);
          assertThat(ModuleTools.modinfo(ko, "signer")).containsExactly(CN);
          assertThat(ModuleTools.modinfo(ko, "sig_hashalgo")).containsExactly("sha256");
          opensslVerifies(image, certPem, ko.getFileName().toString());
        }
      }
    }
    assertThat(modules.keySet()).contains("ofa_core.ko", "ofa_compat.ko", "knem_like.ko",
        "ko2iblnd_like.ko");

    Path root = dir.resolve("root");
    List<String> withCert = check(newest, out, bundle, root, "--trusted-cert", cert.toString());
    assertThat(withCert).containsExactly("loads", "loads", "loads");
    List<String> builtinOnly = check(newest, out, bundle, dir.resolve("root2"));
    // knem_like is refused itself; ofa_core and ko2iblnd_like first need ofa_compat / ofa_core,
    // which are refused, so modprobe stops at the dependency.
    assertThat(builtinOnly).containsExactly(LoadVerdict.DEPENDENCY_FAILED,
        LoadVerdict.SIGNATURE_REJECTED, LoadVerdict.DEPENDENCY_FAILED);

    BootReport report = KernelJudge.of(newest).sigEnforce(true).judge(List.of(
        new JudgeScenario("signed-by-site-key", root, TARGETS)));
    System.out.printf("SignedBuildIT: %d modules signed; boot %s sig_enforce=1 in %d ms%n",
        modules.size(), n, report.boot().toMillis());
    assertThat(report.verdicts()).extracting(LoadVerdict::module)
        .containsExactlyElementsOf(TARGETS);
    assertThat(report.verdicts()).extracting(LoadVerdict::verdict)
        .as(report.verdicts().toString()).containsExactlyElementsOf(builtinOnly);
  }

  /** check --json --sig-enforce with the output installed into {@code root}; the verdicts. */
  private static List<String> check(DebianKernel k, Path out, Path bundle, Path root,
      String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("check", "--json", "--sig-enforce", "--symvers",
        k.requireSymvers().toString(), "--package-root", root.toString()));
    args.addAll(List.of(more));
    args.addAll(TARGETS);
    args.addAll(List.of("--kernel-package", DebianKernelDebs.image(k.release()).toString(),
        "--packages", bundle.toString(), out.resolve("dependents").toString()));
    ProcessResult check = Rdmaforge.run(args);
    JsonNode predicted = JSON.readTree(check.stdout());
    List<String> verdicts = new ArrayList<>();
    predicted.get("results").forEach(r -> verdicts.add(r.get("verdict").asString()));
    return verdicts;
  }

  /** The PKCS#7 before the trailer, verified by openssl cms over the module's unsigned bytes. */
  private void opensslVerifies(byte[] image, Path certPem, String name) throws IOException {
    int end = image.length - MAGIC.length;
    assertThat(Arrays.copyOfRange(image, end, image.length)).isEqualTo(MAGIC);
    int infoAt = end - 12;
    int sigLen = ByteBuffer.wrap(image, infoAt + 8, 4).getInt();
    int sigAt = infoAt - sigLen;
    Path p7 = Files.write(dir.resolve(name + ".p7s"), Arrays.copyOfRange(image, sigAt, infoAt));
    Path content = Files.write(dir.resolve(name + ".content"), Arrays.copyOf(image, sigAt));
    ProcessResult r = Processes.run(dir, List.of("openssl", "cms", "-verify", "-binary",
        "-inform", "DER", "-in", p7.toString(), "-content", content.toString(), "-certfile",
        certPem.toString(), "-CAfile", certPem.toString(), "-purpose", "any", "-out",
        "/dev/null"));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stderr()).contains("Verification successful");
  }

  private static Map<String, String> fileDigests(Path rpm) {
    ProcessResult r = Processes.runChecked(null, List.of("rpm", "-qp", "--qf",
        "[%{FILENAMES} %{FILEDIGESTS}\\n]", rpm.toString()));
    Map<String, String> out = new LinkedHashMap<>();
    r.stdout().lines().map(l -> l.split(" ")).filter(f -> f.length == 2)
        .forEach(f -> out.put(f[0], f[1]));
    return out;
  }

  private static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static Path unpack(Path rpm, Path into) throws IOException {
    Files.createDirectories(into);
    ProcessResult r = Processes.run(into, List.of("sh", "-c",
        "rpm2cpio \"$0\" | cpio -idm --quiet", rpm.toString()));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return into;
  }
}
