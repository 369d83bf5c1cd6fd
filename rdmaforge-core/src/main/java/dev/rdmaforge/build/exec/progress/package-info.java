/**
 * Following a running step's build: {@link dev.rdmaforge.build.exec.progress.LogFollower} reads
 * the complete lines a growing log gained since the last look, {@link
 * dev.rdmaforge.build.exec.progress.PhaseTracker} recognises in them the phases {@code rpmbuild}
 * and {@code dpkg-buildpackage} announce (refined by Kbuild's lines), and {@link
 * dev.rdmaforge.build.exec.progress.BuildLogWatch} joins both into a {@link
 * dev.rdmaforge.build.exec.progress.StepProgress} a view can draw. Nothing here prints.
 */
package dev.rdmaforge.build.exec.progress;
