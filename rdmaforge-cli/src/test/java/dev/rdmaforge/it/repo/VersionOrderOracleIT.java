package dev.rdmaforge.it.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.pkg.VersionOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which of two builds is newer, as rpm and dpkg decide it: MLNX_OFED and kernel releases
 * ({@code 23.10-2.1.3.1}, {@code 5.14.0-362.8.1.el9_3}), pre-releases with {@code ~}, snapshots
 * with {@code ^}, epochs, Debian backports ({@code ~bpo12+1}) and revisions. The oracles are the
 * real tools: {@code rpm --eval '%{lua: print(rpm.vercmp(a, b))}'} (all pairs in one call) and
 * {@code dpkg --compare-versions} (all pairs in one shell), over a fixed table of tricky pairs and
 * pairs generated from a seeded random source.
 */
class VersionOrderOracleIT {
  static final String[][] RPM_PAIRS = {
    {"1.0", "1.0"}, {"1.0", "2.0"}, {"2.0.1", "2.0"}, {"1.0a", "1.0"}, {"5.5p1", "5.5p2"},
    {"5.5p10", "5.5p1"}, {"10xyz", "10.1xyz"}, {"xyz10", "xyz10.1"}, {"xyz.4", "8"},
    {"1.0~rc1", "1.0"}, {"1.0~rc1", "1.0~rc2"}, {"1.0~rc1~git123", "1.0~rc1"}, {"1.0^", "1.0"},
    {"1.0^git1", "1.0"}, {"1.0^git1", "1.0.1"}, {"1.0^git1", "1.0^git2"},
    {"1.0^git1~pre", "1.0^git1"}, {"1.0~rc1^git1", "1.0~rc1"}, {"1.0", "1.0-1"},
    {"1:1.0", "2.0"}, {"0:1.0", "1.0"}, {"1.0-1", "1.0-2"}, {"1.0-1.el9", "1.0-1.el9_1"},
    {"0xbdfb6dbb", "0x5b8239ca"}, {"6.1.0-56.amd64", "6.1.0-47.amd64"}, {"1.001", "1.1"},
    {"1.010", "1.1"}, {"a", "1"}, {"1.a", "1.1"}, {"abc", "abd"}, {"1..0", "1.0"},
    {"1_0", "1.0"}, {"1+0", "1.0"}, {"2a", "2.0"}, {"1.0.", "1.0"},
    {"5.0-OFED.5.0.2.1.8.1", "5.0-OFED.5.0.2.1.8"}, {"23.10-2.1.3.1", "23.10-1.1.9.0"},
    {"4.18.0-513.el8", "4.18.0-80.el8"}, {"1.0~", "1.0"}, {"~~", "~"}, {"~", "~~a"},
    {"1.0^^", "1.0^"}, {"5.14.0-362.8.1.el9_3", "5.14.0-362.24.1.el9_3"}, {"2:0.1", "1:9.9"},
    {"10:1", "9:1"}, {"1.0-0.rc1", "1.0-1"}, {"A", "a"}, {"1.0Z", "1.0a"},
  };

  static final String[][] DEBIAN_PAIRS = {
    {"1.0", "1.0"}, {"1.0", "1.0-0"}, {"1.0-1", "1.0-1ubuntu1"}, {"1.0~rc1", "1.0"},
    {"1.0~~", "1.0~"}, {"1.0~~a", "1.0~~"}, {"1:1.0", "2.0"}, {"0:1.0", "1.0"},
    {"1.0+dfsg", "1.0"}, {"1.0+b1", "1.0"}, {"1.0.1", "1.0+"}, {"1.0a", "1.0+"},
    {"1.0a", "1.0."}, {"1.0-1", "1.0-1.1"}, {"1.0-1~bpo12+1", "1.0-1"}, {"2.30-1", "2.3-1"},
    {"1.001", "1.1"}, {"1.0-2", "1.0-10"},
    {"5.0-OFED.5.0.2.1.8.1.g5f67178.kver.4.19.0-9-amd64", "5.0-OFED.5.0.2.1.8.1-1"},
    {"1.0-a", "1.0-A"}, {"1.0Z", "1.0a"}, {"1.0-1+deb12u1", "1.0-1"}, {"6.1.0-56", "6.1.0-47"},
    {"1.2.3~beta1+git5", "1.2.3~beta1"}, {"9", "10"}, {"1:1.0:1", "1:1.0"},
    {"0.9~rc1-1", "0.9-1"}, {"23.10-OFED.23.10.2.1.3.1-1", "23.10-OFED.23.10.1.1.9.0-1"},
    {"1.0.0", "1.0"}, {"1.00", "1.0"}, {"1~", "1"}, {"1.0-0", "1.0-00"},
  };

  @Test
  void rpm_agreesWithRpmVercmp() throws IOException, InterruptedException {
    List<String[]> pairs = withRandom(RPM_PAIRS, "0123456789abcAB.~^_+", false);
    StringBuilder lua = new StringBuilder("%{lua:");
    for (String[] p : pairs) {
      lua.append(" print(rpm.vercmp(\"").append(p[0]).append("\", \"").append(p[1])
          .append("\")) print(\"\\n\")");
    }
    lua.append("}");
    List<String> out = run(List.of("rpm", "--eval", lua.toString()));

    assertThat(out).hasSize(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      assertThat(Integer.signum(VersionOrder.rpmEvr(p[0], p[1])))
          .as("rpm.vercmp(%s, %s)", p[0], p[1]).isEqualTo(Integer.parseInt(out.get(i).strip()));
    }
  }

  @Test
  void debian_agreesWithDpkgCompareVersions() throws IOException, InterruptedException {
    List<String[]> pairs = withRandom(DEBIAN_PAIRS, "0123456789abzAZ.+~", true);
    StringBuilder script = new StringBuilder();
    for (String[] p : pairs) {
      script.append("if dpkg --compare-versions '").append(p[0]).append("' lt '").append(p[1])
          .append("'; then echo -1; elif dpkg --compare-versions '").append(p[0])
          .append("' eq '").append(p[1]).append("'; then echo 0; else echo 1; fi\n");
    }
    List<String> out = run(List.of("sh", "-c", script.toString()));

    assertThat(out).hasSize(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      assertThat(Integer.signum(VersionOrder.debianText(p[0], p[1])))
          .as("dpkg --compare-versions %s ? %s", p[0], p[1])
          .isEqualTo(Integer.parseInt(out.get(i).strip()));
    }
  }

  @Test
  void packageVersions_epochRelease() {
    PackageVersion noEpoch = new PackageVersion(OptionalLong.empty(), "1.0", "1");
    PackageVersion epochZero = new PackageVersion(OptionalLong.of(0), "1.0", "1");
    PackageVersion noRelease = new PackageVersion(OptionalLong.empty(), "1.0", "");
    assertThat(VersionOrder.rpm(noEpoch, epochZero)).isZero();
    assertThat(VersionOrder.rpm(noRelease, noEpoch)).isNegative();
    assertThat(VersionOrder.debian(noEpoch, epochZero)).isZero();
    assertThat(VersionOrder.of(PackageFormat.DEB).compare(
        PackageVersion.parseDebian("t", "1.0~rc1-1"), PackageVersion.parseDebian("t", "1.0-1")))
        .isNegative();
  }

  /** The table plus 40 generated pairs: a random version and a small mutation of it. */
  private static List<String[]> withRandom(String[][] table, String alphabet, boolean debian) {
    List<String[]> pairs = new ArrayList<>(List.of(table));
    Random random = new Random(4);
    for (int i = 0; i < 40; i++) {
      String a = randomVersion(random, alphabet, debian);
      StringBuilder b = new StringBuilder(a);
      int at = 1 + random.nextInt(a.length());
      if (random.nextBoolean() && at < a.length()) {
        b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
      } else {
        b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
      }
      pairs.add(new String[] {a, b.toString()});
    }
    return pairs;
  }

  private static String randomVersion(Random random, String alphabet, boolean debian) {
    StringBuilder v = new StringBuilder();
    v.append((char) ('0' + random.nextInt(10)));
    int n = 1 + random.nextInt(7);
    for (int i = 0; i < n; i++) {
      v.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    if (random.nextInt(3) == 0) {
      v.append('-').append((char) ('0' + random.nextInt(10)));
      if (!debian) {
        v.append(".el").append(random.nextInt(10));
      }
    }
    return v.toString();
  }

  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(err).isZero();
    String text = new String(out, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
