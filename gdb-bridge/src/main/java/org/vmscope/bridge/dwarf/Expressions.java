package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The tiny subset of DWARF expressions static layouts use: a constant offset, or a static address. */
final class Expressions {
    private Expressions() {
    }

    /** DW_OP_plus_uconst n, DW_OP_constu n or DW_OP_constNu n: the member offset n. */
    static long constantOffset(byte[] expr, ByteOrder order, String what) throws DwarfFormatException {
        DwarfCursor c = cursor(expr, order);
        if (c.atEnd()) {
            return 0;
        }
        int op = c.u8();
        long v = switch (op) {
            case Dw.OP_PLUS_UCONST, Dw.OP_CONSTU -> c.uleb();
            case Dw.OP_CONST1U -> c.u8();
            case Dw.OP_CONST2U -> c.u16();
            case Dw.OP_CONST4U -> c.u32();
            case Dw.OP_CONST8U -> c.u64();
            default -> throw new DwarfFormatException(what + ": unsupported location operation 0x"
                    + Integer.toHexString(op));
        };
        if (!c.atEnd()) {
            throw new DwarfFormatException(what + ": location expression is more than a constant offset");
        }
        return v;
    }

    /**
     * The address of a variable whose location is exactly DW_OP_addr a (kind 0) or DW_OP_addrx i
     * (kind 1, returned as the index); anything else (registers, TLS, pieces) is not static: null.
     */
    static long[] staticAddress(byte[] expr, ByteOrder order, int addressSize) throws DwarfFormatException {
        DwarfCursor c = cursor(expr, order);
        if (c.atEnd()) {
            return null;
        }
        int op = c.u8();
        long[] out;
        if (op == Dw.OP_ADDR) {
            out = new long[] {0, c.unsigned(addressSize)};
        } else if (op == Dw.OP_ADDRX || op == Dw.OP_GNU_ADDR_INDEX) {
            out = new long[] {1, c.uleb()};
        } else {
            return null;
        }
        return c.atEnd() ? out : null;
    }

    private static DwarfCursor cursor(byte[] expr, ByteOrder order) throws DwarfFormatException {
        ByteBuffer b = ByteBuffer.wrap(expr).order(order);
        return new DwarfCursor(b, "expression", 0, expr.length);
    }
}
