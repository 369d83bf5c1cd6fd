/**
 * The build plan of a stack: for each target kernel, which of the bundle's kernel packages
 * already load there, which are rebuilt from their source RPM, and which dependents follow, as a
 * DAG of steps keyed by the SHA-256 of their inputs ({@link dev.rdmaforge.build.store.StepKey}).
 * Make one with {@link dev.rdmaforge.build.plan.Planner#plan}.
 */
package dev.rdmaforge.build.plan;
