/**
 * The GDB remote serial protocol: packet codec ({@link org.vmscope.bridge.rsp.PacketCodec},
 * {@link org.vmscope.bridge.rsp.FrameReader}, {@link org.vmscope.bridge.rsp.RspConnection}), a client
 * for reading halted targets ({@link org.vmscope.bridge.rsp.RspClient}), a server for simulated targets
 * ({@link org.vmscope.bridge.rsp.RspServer} over a {@link org.vmscope.bridge.rsp.ServedTarget}) and a
 * proxy that lets a hook read the target at each stop under a user's debugger
 * ({@link org.vmscope.bridge.rsp.RspProxy}). Every failure is an {@link org.vmscope.bridge.rsp.RspException}
 * subtype; every read is bounded in time and size.
 */
package org.vmscope.bridge.rsp;
