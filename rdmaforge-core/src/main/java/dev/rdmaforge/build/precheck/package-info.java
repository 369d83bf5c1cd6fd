/**
 * The checks that save a long failed build, run before anything is built: a target kernel with
 * the bundle's driver built in (RF-STK-001), a kernel newer than the bundle supports (RF-STK-002)
 * or already supported by it (RF-STK-003), a headers tree of another kernel (RF-STK-004) or with
 * other symbol CRCs than the kernel's (RF-STK-005), a dependent whose provider the bundle does not
 * have (RF-STK-006). Each is a {@link dev.rdmaforge.report.Finding} naming the kernel, the file
 * and line that decided, and the fix. Rule ids are documented in docs/stack.md.
 */
package dev.rdmaforge.build.precheck;
