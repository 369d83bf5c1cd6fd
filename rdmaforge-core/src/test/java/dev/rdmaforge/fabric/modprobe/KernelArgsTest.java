package dev.rdmaforge.fabric.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** lib/cmdline.c next_arg: how the kernel cuts module options and the command line. */
class KernelArgsTest {

  @Test
  void split_plainWords_nameValueAndBare() {
    List<KernelArg> a = KernelArgs.split("  num_vfs=16 probe_vf=0\tenable_qos ");
    assertThat(a).extracting(KernelArg::toString)
        .containsExactly("num_vfs=16", "probe_vf=0", "enable_qos");
    assertThat(a).extracting(KernelArg::offset).containsExactly(2, 13, 24);
  }

  @Test
  void split_quotedValue_keepsBlanksDropsQuotes() {
    assertThat(KernelArgs.split("dyndbg=\"file foo.c +p\" x=1"))
        .extracting(KernelArg::toString).containsExactly("dyndbg=file foo.c +p", "x=1");
    assertThat(KernelArgs.split("\"a=b c\"")).extracting(KernelArg::toString)
        .containsExactly("a=b c");
  }

  @Test
  void split_firstEqualsSplits_restStaysInValue() {
    assertThat(KernelArgs.split("mlx4_core.num_vfs=4,4,8 console=ttyS0,115200"))
        .extracting(KernelArg::name).containsExactly("mlx4_core.num_vfs", "console");
  }
}
