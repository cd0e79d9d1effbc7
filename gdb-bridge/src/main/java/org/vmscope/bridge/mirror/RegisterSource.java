package org.vmscope.bridge.mirror;

import java.util.Optional;
import java.util.OptionalLong;
import org.vmscope.bridge.rsp.RspException;

/** Register values by name, as the paging-root detector needs them. */
public interface RegisterSource {

    /** The {@code <architecture>} of the target description, if any ({@code i386:x86-64}, {@code aarch64}). */
    Optional<String> architecture();

    /**
     * The value of the register named {@code name} (exact case); with {@code bitsize > 0} only a register
     * of that width (QEMU's ARM description has 32- and 64-bit registers of similar names).
     *
     * @return empty when the target has no such register or marks it unavailable
     */
    OptionalLong read(String name, int bitsize) throws RspException;
}
