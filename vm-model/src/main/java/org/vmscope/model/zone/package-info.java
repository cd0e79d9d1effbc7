/**
 * The zone allocator of {@code vm/zone.c} (phoenix-vm.md §2.6, §3.11).
 */
package org.vmscope.model.zone;
