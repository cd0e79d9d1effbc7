/**
 * The page-table mirror of a live target over GDB RSP: {@link org.vmscope.bridge.mirror.Mirror} connects,
 * {@link org.vmscope.bridge.mirror.PagingRootDetector} finds the paging roots from the registers, and the
 * vm-model {@link org.vmscope.model.pmap.PageTableWalker} walks them through
 * {@link org.vmscope.bridge.mirror.GdbPhysReader}, the one place that reads the target: RAM only, read
 * only, stop-scoped page cache, bounded and counted.
 */
package org.vmscope.bridge.mirror;
