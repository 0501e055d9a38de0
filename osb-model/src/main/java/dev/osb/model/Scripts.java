package dev.osb.model;

import java.nio.file.Path;

/** The user's own fsscript, run after the generated steps; null for none. */
public record Scripts(Path fsscript) {}
