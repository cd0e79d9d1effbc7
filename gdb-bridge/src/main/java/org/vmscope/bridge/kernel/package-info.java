/**
 * Kernel awareness: decodes a live Phoenix-RTOS kernel's VM state (page allocator, entry pool, kernel
 * and process maps) from its ELF and DWARF (or a text layout) over the page-table mirror. Every target
 * read goes through {@link org.vmscope.bridge.mirror.GdbPhysReader}: kernel virtual addresses are
 * translated by the mirror's page-table walk and read physically, RAM only.
 */
package org.vmscope.bridge.kernel;
