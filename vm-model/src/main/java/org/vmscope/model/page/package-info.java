/**
 * The physical page allocator: {@code page_t} storage, the MMU buddy allocator of {@code vm/page.c}, the NOMMU token allocator and the boot page-map printer (phoenix-vm.md §2.2, §3.1).
 */
package org.vmscope.model.page;
