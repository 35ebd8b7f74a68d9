package dev.obslab.process;

/** What the caller of {@code /process} forced (latency, outcome): call steps pass it on down the tree. */
record Forced(boolean delay, boolean outcome) {
}
