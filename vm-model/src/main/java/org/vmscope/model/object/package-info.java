/**
 * Memory objects: {@code vm_object_t}, the special PHYSMEM and kernel objects, and {@code vm_objectPage} (phoenix-vm.md §2.4, §3.9).
 */
package org.vmscope.model.object;
