/**
 * Processes of the simulated kernel as the VM sees them (proc/process.c, proc/msg.c; phoenix-vm.md §1.1, §3.10,
 * §3.13): spawn from a {@link org.vmscope.model.kernel.ProgramImage}, fork ({@code vm_mapCopy}), vfork, exec,
 * exit ({@code vm_mapDestroy}), the memory system calls, accesses with fault resolution, kmalloc, message
 * windows, failure injection for the ENOMEM paths, and {@link org.vmscope.model.proc.KernelPanic} where the
 * kernel would panic or hang. Entry point: {@link org.vmscope.model.proc.Processes}.
 */
package org.vmscope.model.proc;
