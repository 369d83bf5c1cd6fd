/**
 * Running a plan: {@link dev.rdmaforge.build.exec.StepExecutor} runs one step in its own build
 * root (the local one runs {@code rpmbuild --rebuild}; a cluster scheduler can run them
 * elsewhere), {@link dev.rdmaforge.build.exec.PlanRunner} runs the DAG on a content store:
 * independent steps in parallel, cached steps skipped, a failing step stopping only what depends
 * on it.
 */
package dev.rdmaforge.build.exec;
