/**
 * The simulated kernel: machine descriptions (syspage-like) and the {@code _vm_init} boot sequence that produces page allocator, entry pool, kernel map and kmalloc state (phoenix-vm.md §1.2, §3.1.1, §4).
 */
package org.vmscope.model.kernel;
