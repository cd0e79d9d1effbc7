/**
 * The kernel heap allocator of {@code vm/kmalloc.c} (phoenix-vm.md §2.7, §3.12).
 */
package org.vmscope.model.kmalloc;
