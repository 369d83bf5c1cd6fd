package dev.rdmaforge.depmod.config;

/** An {@code external KVER DIR} line whose kernel field matched: an absolute directory. */
public record ExternalDir(String dir, String kernelPattern, Origin origin) {}
