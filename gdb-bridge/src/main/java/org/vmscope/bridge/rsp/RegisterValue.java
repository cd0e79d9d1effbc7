package org.vmscope.bridge.rsp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * A register value as sent by the target (target byte order), or unavailable (the target sent
 * {@code xx} for its bytes).
 */
public final class RegisterValue {
    private final RegisterInfo register;
    private final byte[] bytes;
    private final boolean littleEndian;

    RegisterValue(RegisterInfo register, byte[] bytes, boolean littleEndian) {
        this.register = register;
        this.bytes = bytes;
        this.littleEndian = littleEndian;
    }

    public RegisterInfo register() {
        return register;
    }

    public boolean available() {
        return bytes != null;
    }

    /** The raw bytes in target order, if available. */
    public Optional<byte[]> bytes() {
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /** The value as an unsigned number. */
    public Optional<BigInteger> toBigInteger() {
        if (bytes == null) {
            return Optional.empty();
        }
        byte[] be = bytes.clone();
        if (littleEndian) {
            for (int i = 0, j = be.length - 1; i < j; i++, j--) {
                byte t = be[i];
                be[i] = be[j];
                be[j] = t;
            }
        }
        return Optional.of(new BigInteger(1, be));
    }

    /**
     * The value as a long (the low 64 bits for wider registers).
     *
     * @throws RspException if the target marked the register unavailable
     */
    public long toLong() throws RspException {
        return toBigInteger().orElseThrow(() -> new RspException("register " + register.name() + " is unavailable"))
                .longValue();
    }

    @Override
    public String toString() {
        return register.name() + "=" + (bytes == null ? "<unavailable>" : "0x" + toBigInteger().get().toString(16));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterValue v && v.register.equals(register) && Arrays.equals(v.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return register.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    /** Decodes hex register bytes; all-'x' means unavailable. */
    static RegisterValue fromHex(RegisterInfo reg, String hex, boolean littleEndian) throws RspProtocolException {
        if (hex.length() != reg.byteSize() * 2) {
            throw new RspProtocolException("register " + reg.name() + ": expected " + reg.byteSize() * 2
                    + " hex digits, got " + hex.length());
        }
        if (hex.chars().allMatch(c -> c == 'x')) {
            return new RegisterValue(reg, null, littleEndian);
        }
        return new RegisterValue(reg, Hex.decode(hex), littleEndian);
    }
}
