/**
 * The kernel as the judge: boots a real Debian kernel under QEMU (TCG) with a small initramfs, runs
 * the real modprobe for each target of each {@link dev.rdmaforge.testkit.judge.JudgeScenario} and
 * turns the kernel's own messages into {@link dev.rdmaforge.testkit.judge.LoadVerdict}s, the
 * vocabulary of {@code rdmaforge check}.
 *
 * <p>The judge shares no code with {@code rdmaforge check} on purpose: it must stay an independent
 * witness. Entry point: {@link dev.rdmaforge.testkit.judge.KernelJudge}.
 */
package dev.rdmaforge.testkit.judge;
