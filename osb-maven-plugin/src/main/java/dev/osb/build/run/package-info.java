/**
 * Where and how catalyst runs: the {@link dev.osb.build.run.Runner} interface and its podman,
 * docker and native implementations, the process execution they share ({@link
 * dev.osb.build.run.ProcessRunner}: argv only, line streaming to a {@link
 * dev.osb.build.run.LineSink} and a log file, heartbeat, timeout, process-tree kill) and the
 * constant scripts that give catalyst the fixed layout and its root-owned inputs ({@link
 * dev.osb.build.run.InputScripts}). No Maven imports: a Mojo wires a runner to its log.
 */
package dev.osb.build.run;
