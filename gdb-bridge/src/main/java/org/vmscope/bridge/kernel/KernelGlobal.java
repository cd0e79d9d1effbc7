package org.vmscope.bridge.kernel;

import org.vmscope.bridge.dwarf.FieldLayout;
import org.vmscope.bridge.dwarf.TypeLayout;

/**
 * One kernel global (usually a file-static {@code *_common} struct) with its run-time address and the
 * layout of its type.
 *
 * @param unit the compilation unit it was looked up in ("vm/page.c")
 */
public record KernelGlobal(String name, String unit, long address, TypeLayout type) {

    /** The member, or an exception naming the global and the member. */
    public FieldLayout field(String member) throws KernelException {
        return type.field(member).orElseThrow(() -> new KernelException(
                "global " + name + " (" + unit + ") has no member '" + member + "'"));
    }

    /** The address of a member. */
    public long addressOf(String member) throws KernelException {
        return address + field(member).offset();
    }
}
