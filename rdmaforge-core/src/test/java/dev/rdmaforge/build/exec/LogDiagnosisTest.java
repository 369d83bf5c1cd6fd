package dev.rdmaforge.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The failures of seeds and issues named in driver-stacks.md §6, found in a build log. */
class LogDiagnosisTest {
  @Test
  void diagnose_badO2ibPath_skipsTheShellTrace() {
    // Azure/azhpc-images#570 style: --with-o2ib pointing at nothing.
    List<String> log = List.of("$ rpmbuild --rebuild ...", "+ echo configure: error: bad"
        + " --with-o2ib path", "configure: error: bad --with-o2ib path",
        "error: Bad exit status from /var/tmp/rpm-tmp.x (%build)");

    LogDiagnosis.Match m = LogDiagnosis.diagnose(log).orElseThrow();

    assertThat(m.line()).isEqualTo(3);
    assertThat(m.text()).isEqualTo("configure: error: bad --with-o2ib path");
    assertThat(m.explanation()).contains("{provider.devel}");
  }

  @Test
  void diagnose_noOfedHeaders() {
    // Azure/az-hop#130.
    List<String> log = List.of("checking whether to enable OpenIB gen2 support... no",
        "configure: error: no OFED nor kernel OpenIB gen2 headers present");

    assertThat(LogDiagnosis.diagnose(log).orElseThrow().line()).isEqualTo(2);
  }

  @Test
  void diagnose_disagreesAboutVersion_namesTheSymbol() {
    // Seagate/cortx-motr#17.
    List<String> log = List.of("x", "ko2iblnd: disagrees about version of symbol"
        + " ib_fmr_pool_unmap");

    assertThat(LogDiagnosis.diagnose(log).orElseThrow().explanation())
        .startsWith("the module was built against another build of the provider of"
            + " ib_fmr_pool_unmap");
  }

  @Test
  void diagnose_modpostUndefined_namesTheSymbol() {
    // MOFED 5.5 with Lustre: ib_dma_virt_map_sg undefined.
    List<String> log = List.of("  MODPOST Module.symvers",
        "ERROR: modpost: \"ib_dma_virt_map_sg\" [/build/lnet/klnds/o2iblnd/ko2iblnd.ko]"
            + " undefined!",
        "make[1]: *** [Makefile:1772: modules] Error 2");

    LogDiagnosis.Match m = LogDiagnosis.diagnose(log).orElseThrow();

    assertThat(m.line()).isEqualTo(2);
    assertThat(m.explanation()).startsWith("modpost found no provider of ib_dma_virt_map_sg");
  }

  @Test
  void diagnose_unknownFailure_namesTheLastErrorLine() {
    List<String> log = List.of("cc1: out of memory", "make: *** [all] Error 1", "done");

    LogDiagnosis.Match m = LogDiagnosis.diagnose(log).orElseThrow();

    assertThat(m.line()).isEqualTo(2);
    assertThat(m.explanation()).isEqualTo("the build stopped here");
  }

  @Test
  void diagnose_nothingKnown_isEmpty() {
    assertThat(LogDiagnosis.diagnose(List.of("all fine", "+ echo error"))).isEmpty();
  }
}
