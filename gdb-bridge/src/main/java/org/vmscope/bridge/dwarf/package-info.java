/**
 * A lazy DWARF 2-5 reader for C programs such as the Phoenix-RTOS kernel: one quick pass indexes
 * the names of types and variables, and types are built on demand and cached. {@link
 * org.vmscope.bridge.dwarf.Layout} is the small face kernel-awareness code uses ("offset of next in
 * page_t"), backed by DWARF ({@link org.vmscope.bridge.dwarf.DwarfLayout}) or by a text file
 * ({@link org.vmscope.bridge.dwarf.TextLayout}).
 */
package org.vmscope.bridge.dwarf;
