/**
 * A simulated Phoenix-RTOS kernel served over the GDB remote protocol so gdb-multiarch, our
 * {@link org.vmscope.bridge.rsp.RspClient} and the mirror can attach to it as if it were QEMU:
 * {@link org.vmscope.bridge.sim.SimulatedTarget} (registers, memory through the kernel's real page
 * tables, QEMU's physical memory mode and monitor commands, scenario run control through a
 * {@link org.vmscope.bridge.sim.SimStepper}) and {@link org.vmscope.bridge.sim.SimGdbServer}, which
 * starts and stops the server in one call.
 */
package org.vmscope.bridge.sim;
