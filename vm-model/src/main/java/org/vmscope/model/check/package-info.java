/**
 * Consistency checks of the VM state (phoenix-vm.md §6 "Consistency invariants", §3, §8): page allocator,
 * maps and the entry pool, amap/anon/object reference counts, zones and kmalloc, and the cross-layer
 * accounting of frames and page-table entries.
 *
 * <p>Checks read <em>states</em> ({@link org.vmscope.model.check.KernelState} and the per-layer state classes),
 * plain decoded data with links as indices or handles, never the live model objects. The simulator's states
 * come from {@link org.vmscope.model.check.SimStates}; a live-target mirror builds the same states from what
 * it decoded, and runs the same checks. Every traversal is bounded and cycle-checked: corrupt data is
 * reported as a {@link org.vmscope.model.check.Problem}, never looped on or thrown.
 */
package org.vmscope.model.check;
