package org.vmscope.bridge.kernel;

import org.vmscope.bridge.dwarf.FieldLayout;
import org.vmscope.bridge.dwarf.TypeLayout;

/** The bytes of one structure instance read from the target, with members read by name. */
final class KStruct {
    private final String what;
    private final long address;
    private final TypeLayout type;
    private final byte[] data;
    private final int base;
    private final KernelMemory mem;

    private KStruct(String what, long address, TypeLayout type, byte[] data, int base, KernelMemory mem) {
        this.what = what;
        this.address = address;
        this.type = type;
        this.data = data;
        this.base = base;
        this.mem = mem;
    }

    static KStruct read(KernelMemory mem, TypeLayout type, long address, String what) throws KernelReadException {
        return new KStruct(what, address, type, mem.read(address, type.size()), 0, mem);
    }

    /** A view of element {@code index} of an array of {@code type} already read as {@code data}. */
    static KStruct element(KernelMemory mem, TypeLayout type, long arrayAddress, byte[] data, int index, String what) {
        long off = index * type.size();
        return new KStruct(what, arrayAddress + off, type, data, (int) off, mem);
    }

    long address() {
        return address;
    }

    /** An unsigned member of 1..8 bytes (pointers, sizes, flags). */
    long u(String member) throws KernelException {
        FieldLayout f = field(member);
        if (f.size() < 1 || f.size() > 8) {
            throw new KernelException(type.name() + "." + member + " has size " + f.size() + ", not a scalar");
        }
        return mem.decode(data, base + (int) f.offset(), (int) f.size());
    }

    /** A signed member (ints such as pid or refs). */
    long s(String member) throws KernelException {
        FieldLayout f = field(member);
        long v = u(member);
        int bits = (int) f.size() * 8;
        return bits >= 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    FieldLayout field(String member) throws KernelException {
        return type.field(member).orElseThrow(() -> new KernelException(
                "type " + type.name() + " has no member '" + member + "' (reading " + what + ")"));
    }
}
