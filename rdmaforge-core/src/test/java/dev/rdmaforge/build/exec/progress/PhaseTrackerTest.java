package dev.rdmaforge.build.exec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Phases recognised in real logs of a one-module package (see {@code README.md} beside the logs
 * for how they were captured): what a person watching {@code rdmaforge build} of a rebuilt
 * MLNX_OFED kmod (rpmbuild) or its Debian package (dpkg-buildpackage) sees, in order.
 */
class PhaseTrackerTest {

  private static List<String> log(String name) throws IOException {
    try (InputStream in = PhaseTrackerTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** Every distinct state the tracker passes through, as "PHASE label | detail". */
  private static List<String> states(List<String> lines) {
    PhaseTracker t = new PhaseTracker();
    List<String> states = new ArrayList<>();
    double last = 0;
    for (String line : lines) {
      t.accept(line);
      StepProgress p = t.progress();
      assertThat(p.fraction()).as("after %s", line).isGreaterThanOrEqualTo(last);
      last = p.fraction();
      String s = p.phase() + " " + p.label() + " | " + p.detail();
      if (states.isEmpty() || !states.get(states.size() - 1).equals(s)) {
        states.add(s);
      }
    }
    return states;
  }

  @Test
  void accept_rpmbuildRebuild_followsTheSectionsAndKbuild() throws IOException {
    assertThat(states(log("rpmbuild-hello-kmod.log"))).containsExactly(
        "STARTING starting | ",
        "PREPARING rpmbuild | installing hello-kmod-1.0-1.src.rpm",
        "PREPARING %prep | ",
        "BUILDING %build | ",
        "BUILDING %build | CC [M] hello_core.o",
        "BUILDING %build | MODPOST",
        "BUILDING %build | CC [M] hello_core.mod.o",
        "BUILDING %build | LD [M] hello_core.ko",
        "INSTALLING %install | ",
        "PACKAGING package | hello-kmod-1.0-1.x86_64",
        "PACKAGING package | wrote hello-kmod-1.0-1.x86_64.rpm",
        "FINISHING %clean | ",
        "FINISHING rmbuild | ");
  }

  @Test
  void accept_dpkgBuildpackage_followsTheRulesTargetsAndKbuild() throws IOException {
    // dh's nested "   debian/rules override_dh_auto_build" (three spaces) is not a phase.
    assertThat(states(log("dpkg-buildpackage-hello-kmod.log"))).containsExactly(
        "STARTING starting | ",
        "PREPARING dpkg-buildpackage | source package hello-kmod",
        "PREPARING rules clean | ",
        "BUILDING rules build | ",
        "BUILDING rules build | CC [M] hello_core.o",
        "BUILDING rules build | MODPOST",
        "BUILDING rules build | CC [M] hello_core.mod.o",
        "BUILDING rules build | LD [M] hello_core.ko",
        "INSTALLING rules binary | ",
        "PACKAGING dpkg-deb | hello-kmod-modules-6.1.0-56-amd64",
        "FINISHING dpkg-genbuildinfo | ",
        "FINISHING dpkg-genchanges | ",
        "FINISHING dpkg-buildpackage | binary-only upload");
  }

  @Test
  void progress_kbuildStagesMoveTheBarWithinThePhase_neverBack() {
    PhaseTracker t = new PhaseTracker();
    t.accept("Executing(%build): /bin/sh -e /tmp/rpm-tmp.1");
    double phaseStart = t.progress().fraction();
    t.accept("  CC [M]  /b/ofa_core.o");
    double compiling = t.progress().fraction();
    t.accept("  MODPOST /b/Module.symvers");
    double modpost = t.progress().fraction();
    t.accept("  LD [M]  /b/ofa_core.ko");
    double linking = t.progress().fraction();
    // A second Kbuild pass (MLNX_OFED builds its compat layer first) does not move it back.
    t.accept("  CC [M]  /b/compat/main.o");

    assertThat(phaseStart).isEqualTo(BuildPhase.BUILDING.start());
    assertThat(compiling).isGreaterThan(phaseStart);
    assertThat(modpost).isGreaterThan(compiling);
    assertThat(linking).isGreaterThan(modpost).isLessThan(BuildPhase.BUILDING.end());
    assertThat(t.progress().fraction()).isEqualTo(linking);
    assertThat(t.progress().detail()).isEqualTo("CC [M] main.o");
  }

  @Test
  void accept_earlierPhaseLater_isIgnored() {
    // A spec that echoes rpm's own banner, or a make target named like a section.
    PhaseTracker t = new PhaseTracker();
    t.accept("Executing(%install): /bin/sh -e /tmp/rpm-tmp.2");
    t.accept("Executing(%build): /bin/sh -e /tmp/rpm-tmp.3");

    assertThat(t.progress().phase()).isEqualTo(BuildPhase.INSTALLING);
    assertThat(t.progress().label()).isEqualTo("%install");
  }

  @Test
  void accept_fakerootAndArchTargets_asDpkgBuildpackagePrintsThemForNonRoot() {
    PhaseTracker t = new PhaseTracker();
    t.accept(" debian/rules build-arch");
    assertThat(t.progress().label()).isEqualTo("rules build-arch");
    t.accept(" fakeroot debian/rules binary-arch");

    assertThat(t.progress().phase()).isEqualTo(BuildPhase.INSTALLING);
    assertThat(t.progress().label()).isEqualTo("rules binary-arch");
  }

  @Test
  void accept_kbuildBeforeAnyPhase_isNotAPhase() {
    PhaseTracker t = new PhaseTracker();
    t.accept("  CC [M]  /b/x.o");

    assertThat(t.started()).isFalse();
    assertThat(t.progress().fraction()).isZero();
  }
}
