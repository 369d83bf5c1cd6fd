package dev.rdmaforge.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Module options and blacklists on the kernel command line. Every expectation is what Debian 12's
 * {@code modprobe -c} printed with the same text bind-mounted over {@code /proc/cmdline}.
 */
class KernelCommandLineTest {

  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of(
            "a GRUB line of an HPC node: module options, a blacklist, a dashed name",
            "BOOT_IMAGE=/boot/vmlinuz-6.1.0-56-amd64 root=UUID=x ro quiet mlx5_core.prof_sel=2"
                + " ib_ipoib.recv_queue_size=512 modprobe.blacklist=nouveau,radeon rdma-rxe.x=1\n",
            "blacklist nouveau\nblacklist radeon\noptions mlx5_core prof_sel=2\n"
                + "options ib_ipoib recv_queue_size=512\noptions rdma_rxe x=1\n",
            ""),
        Arguments.of(
            "quotes: around a value, around a whole option (GRUB), and in odd places",
            "\"a.b\" c.d=\"e f\" g.\"h\" \"i.j=k\" \"l.m=n o\"p q.r=s\"t u\"v w.x\n",
            "options c d=\"e f\"\noptions i j=\"k\"\noptions l m=\"n o\"p\n"
                + "options q r=s\"t u\"v\noptions w x\n",
            ""),
        Arguments.of(
            "odd names: brackets, an unclosed bracket (kmod's error), empty parts, a tab",
            "a-b[-].c=1 x[.y=2 m.p\tq n.=\"x y\" .a=1 b.=2 =\"c.d\"\n",
            "options a_b[-] c=1\noptions m p\noptions n =\"x y\"\noptions  a=1\noptions b =2\n",
            "libkmod: ERROR ../libkmod/libkmod-config.c:489 kcmdline_parse_result: Ignoring bad"
                + " option on kernel command line while parsing module name: 'x['\n"),
        Arguments.of(
            "modprobe.blacklist forms: without value, empty, quoted, other modprobe.* options",
            "modprobe.blacklist modprobe.blacklist= modprobe.foo=bar modprobe.blacklist=\"a"
                + " b\",c\n",
            "blacklist \nblacklist \"a b\"\nblacklist c\noptions modprobe blacklist\n"
                + "options modprobe foo=bar\n",
            ""),
        Arguments.of("an empty command line", "\n", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void parse_likeKmod(String story, String cmdline, String expected, String stderr) {
    List<OptionsEntry> options = new ArrayList<>();
    List<BlacklistEntry> blacklists = new ArrayList<>();
    List<ModprobeMessage> messages = new ArrayList<>();
    KernelCommandLine.parse(cmdline, options, blacklists, messages);
    ModprobeConfig config =
        new ModprobeConfig(
            blacklists, List.of(), List.of(), List.of(), options, List.of(), List.of(), messages);
    assertThat(ShowConfig.renderConfiguration(config)).isEqualTo(expected);
    StringBuilder err = new StringBuilder();
    messages.forEach(m -> err.append(m.line()));
    assertThat(err.toString()).isEqualTo(stderr);
    options.forEach(o -> assertThat(o.origin()).hasToString("/proc/cmdline"));
  }
}
