/**
 * The checks that save a long failed build, run before anything is built: a target kernel with
 * the bundle's driver built in (RF-STK-001), a kernel newer than the bundle supports (RF-STK-002)
 * or already supported by it (RF-STK-003), a headers tree of another kernel (RF-STK-004) or with
 * other symbol CRCs than the kernel's (RF-STK-005), a dependent whose provider the bundle does not
 * have (RF-STK-006), and with {@code signing:} an unreadable key or certificate (RF-STK-007), a
 * key that did not make the certificate (RF-STK-008), a hash the kernel cannot verify
 * (RF-STK-009), no sign-file (RF-STK-010), and whether the kernel's built-in keys trust the
 * certificate (RF-STK-011, info). Each is a {@link dev.rdmaforge.report.Finding} naming the
 * kernel, the file and line that decided, and the fix. Rule ids are documented in docs/stack.md.
 */
package dev.rdmaforge.build.precheck;
