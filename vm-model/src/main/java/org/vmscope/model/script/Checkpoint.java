package org.vmscope.model.script;

import java.util.Map;

/**
 * The state recorded by {@code checkpoint NAME}, for later comparisons ({@code expect free NAME +0}) and diffs.
 *
 * @param mem          psh {@code mem} summary line (no newline)
 * @param allocBytes   meminfo page.alloc
 * @param freeBytes    meminfo page.free
 * @param entriesUsed  map-entry pool slots in use
 * @param kmallocBytes {@code kmalloc_common.allocsz} (0 without kmalloc)
 * @param maps         {@code mem -m} text per live pid
 */
public record Checkpoint(String name, int line, String mem, long allocBytes, long freeBytes, int entriesUsed,
        long kmallocBytes, Map<Integer, String> maps) {
}
