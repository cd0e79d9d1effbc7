/**
 * The memory mapper of {@code vm/map.c}: maps, entries in an augmented red-black tree, the global entry pool, mmap/munmap/mprotect, fault resolution and fork copying (phoenix-vm.md §2.3, §3.2-3.7, §3.10).
 */
package org.vmscope.model.map;
