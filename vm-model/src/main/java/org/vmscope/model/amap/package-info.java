/**
 * Anonymous memory: {@code amap_t}/{@code anon_t} and copy-on-write (phoenix-vm.md §2.5, §3.8).
 */
package org.vmscope.model.amap;
