package dev.rdmaforge.depmod.tree;

import java.util.List;
import java.util.Map;

/**
 * What a scan of the module tree decided.
 *
 * @param winners the file that won each module name
 * @param contests for each module name, every file found with it in scan order and how its
 *     comparison ended
 */
public record ScanResult(
    Map<String, ModuleCandidate> winners, Map<String, List<Contest>> contests) {}
