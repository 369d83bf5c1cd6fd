package dev.rdmaforge.modprobe;

import java.util.List;

/**
 * One of libkmod's {@code struct kmod_module}: kept in a pool for the whole modprobe run under its
 * name, or under {@code name\alias} when it was reached through an alias (a different object, with
 * its own flags and the alias's options). Holds what libkmod caches lazily and the flags its probe
 * walk sets.
 */
final class PooledModule {
  final String name;
  final String alias; // null unless created from an alias

  String path; // absolute, as kmod prints it; null when unknown
  boolean depsLoaded;
  List<PooledModule> deps = List.of(); // load order (modules.dep order reversed)
  Boolean builtin; // null: not asked yet

  boolean optionsLoaded;
  String options; // null when none
  boolean installLoaded;
  CommandEntry install; // null when none

  boolean visited;
  boolean required;
  boolean ignoreCommand;

  PooledModule(String name, String alias) {
    this.name = name;
    this.alias = alias;
  }

  static String key(String name, String alias) {
    return alias == null ? name : name + "\\" + alias;
  }
}
