package org.vmscope.bridge.rsp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Serves one debugger connection: reads packets, answers them from the {@link ServedTarget}.
 * Unknown packets get the empty reply, as the protocol requires.
 */
final class ServerSession {
    private static final int MAX_NACK_RETRANSMITS = 5;
    private static final String THREAD = "01";

    private final RspConnection conn;
    private final ServedTarget target;
    private final RspServerOptions options;
    private final List<RegisterInfo> registers;
    private final int generalCount;
    private boolean running;
    private boolean physical;
    private boolean finished;
    private int lastSignal = 5;
    private int nacks;

    ServerSession(RspConnection conn, ServedTarget target, RspServerOptions options, List<RegisterInfo> registers) {
        this.conn = conn;
        this.target = target;
        this.options = options;
        this.registers = registers;
        int g = target.generalRegisterCount();
        this.generalCount = g < 0 ? registers.size() : Math.min(g, registers.size());
    }

    /** Runs until the client leaves, {@code k}/{@code D}, or {@code stopping} turns true. */
    void run(java.util.function.BooleanSupplier stopping) throws RspException {
        while (!finished && !stopping.getAsBoolean()) {
            RspFrame f;
            try {
                f = conn.readFrame(options.pollMillis());
            } catch (RspTimeoutException e) {
                if (e.midPacket()) {
                    throw e;
                }
                if (running) {
                    OptionalInt sig = target.pollStop();
                    if (sig.isPresent()) {
                        stopped(sig.getAsInt());
                    }
                }
                continue;
            }
            switch (f.kind()) {
                case ACK, NOTIFICATION -> { }
                case NACK -> {
                    if (++nacks > MAX_NACK_RETRANSMITS) {
                        throw new RspProtocolException("client rejected the same reply too often");
                    }
                    conn.retransmitLast();
                }
                case BAD_CHECKSUM -> {
                    if (conn.ackMode()) {
                        conn.sendNack();
                    }
                }
                case INTERRUPT -> {
                    if (running) {
                        stopped(target.halt());
                    }
                }
                case PACKET -> {
                    nacks = 0;
                    if (conn.ackMode()) {
                        conn.sendAck();
                    }
                    if (running) {
                        // like QEMU: any packet stops a running target and is itself dropped
                        stopped(target.halt());
                        continue;
                    }
                    byte[] reply = handle(f.payload());
                    if (reply != null) {
                        conn.sendPacket(reply);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void stopped(int signal) throws RspException {
        running = false;
        lastSignal = signal & 0xff;
        conn.sendPacket(stopReply());
    }

    private String stopReply() {
        return String.format("T%02xthread:%s;", lastSignal, THREAD);
    }

    /** The reply to one packet, or null when none is due now (resume, kill). */
    private byte[] handle(byte[] payload) throws RspException {
        String p = Hex.latin1(payload);
        if (p.isEmpty()) {
            return bytes("");
        }
        try {
            return switch (p.charAt(0)) {
                case '?' -> bytes(stopReply());
                case 'g' -> bytes(readAllRegisters());
                case 'G' -> bytes(writeAllRegisters(p.substring(1)));
                case 'p' -> bytes(readRegister(p.substring(1)));
                case 'P' -> bytes(writeRegister(p.substring(1)));
                case 'm' -> bytes(readMemoryHex(p.substring(1)));
                case 'x' -> options.offerBinaryUpload() ? readMemoryBinary(p.substring(1)) : bytes("");
                case 'M' -> bytes(writeMemoryHex(p.substring(1)));
                case 'X' -> bytes(writeMemoryBinary(payload));
                case 'c', 'C' -> resume();
                case 's', 'S' -> {
                    lastSignal = target.step() & 0xff;
                    yield bytes(stopReply());
                }
                case 'k' -> {
                    target.kill();
                    finished = true;
                    yield null;
                }
                case 'D' -> {
                    target.detach();
                    finished = true;
                    yield bytes("OK");
                }
                case 'H', 'T' -> bytes("OK");
                case 'q' -> bytes(query(p));
                case 'Q' -> setting(p);
                default -> bytes("");  // includes vCont?, vMustReplyEmpty and every other v packet
            };
        } catch (ServedTargetException e) {
            return bytes(e.reply());
        } catch (RspProtocolException | NumberFormatException | IndexOutOfBoundsException e) {
            return bytes(new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "malformed").reply());
        }
    }

    private byte[] resume() throws RspException {
        OptionalInt sig = target.resume();
        if (sig.isPresent()) {
            lastSignal = sig.getAsInt() & 0xff;
            return bytes(stopReply());
        }
        running = true;
        return null;
    }

    // ---- queries -----------------------------------------------------------------------------

    private String query(String p) throws ServedTargetException, RspException {
        if (p.startsWith("qSupported")) {
            StringBuilder s = new StringBuilder("PacketSize=").append(Integer.toHexString(options.packetSize()));
            if (target.featureDocument("target.xml").isPresent()) {
                s.append(";qXfer:features:read+");
            }
            if (options.offerNoAck()) {
                s.append(";QStartNoAckMode+");
            }
            if (options.offerBinaryUpload()) {
                s.append(";binary-upload+");
            }
            return s.toString();
        }
        if (p.equals("qAttached") || p.startsWith("qAttached:")) {
            return "1";
        }
        if (p.equals("qC")) {
            return "QC" + THREAD;
        }
        if (p.equals("qfThreadInfo")) {
            return "m" + THREAD;
        }
        if (p.equals("qsThreadInfo")) {
            return "l";
        }
        if (p.startsWith("qXfer:features:read:")) {
            return xferFeatures(p.substring("qXfer:features:read:".length()));
        }
        if (p.startsWith("qRcmd,")) {
            return monitor(p.substring("qRcmd,".length()));
        }
        if (p.equals("qqemu.Supported")) {
            return target.supportsPhysical() ? "PhyMemMode" : "";
        }
        if (p.equals("qqemu.PhyMemMode")) {
            return target.supportsPhysical() ? (physical ? "1" : "0") : "";
        }
        return "";
    }

    private byte[] setting(String p) throws RspException, ServedTargetException {
        if (p.equals("QStartNoAckMode") && options.offerNoAck()) {
            // the OK still travels in ack mode; the client acks it, then neither side acks again
            conn.sendPacket("OK");
            conn.setAckMode(false);
            return null;
        }
        if (p.startsWith("Qqemu.PhyMemMode:") && target.supportsPhysical()) {
            String v = p.substring("Qqemu.PhyMemMode:".length());
            if (!v.equals("0") && !v.equals("1")) {
                throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "mode must be 0 or 1");
            }
            physical = v.equals("1");
            return bytes("OK");
        }
        return bytes("");
    }

    private String xferFeatures(String args) throws RspProtocolException {
        int colon = args.lastIndexOf(':');
        if (colon <= 0) {
            throw new RspProtocolException("malformed qXfer");
        }
        String annex = args.substring(0, colon);
        long[] range = offsetLength(args.substring(colon + 1));
        Optional<String> doc = target.featureDocument(annex);
        if (doc.isEmpty()) {
            return "E00";
        }
        byte[] data = doc.get().getBytes(StandardCharsets.UTF_8);
        if (range[0] >= data.length) {
            return "l";
        }
        int maxChunk = options.packetSize() / 2;
        int len = (int) Math.min(Math.min(range[1], maxChunk), data.length - range[0]);
        boolean last = range[0] + len >= data.length;
        return (last ? "l" : "m") + new String(data, (int) range[0], len, StandardCharsets.ISO_8859_1);
    }

    private String monitor(String hex) throws ServedTargetException, RspException {
        String command = Hex.decodeText(hex);
        Optional<String> out = target.monitor(command);
        if (out.isEmpty()) {
            return "";
        }
        byte[] text = out.get().getBytes(StandardCharsets.UTF_8);
        int per = Math.max(1, (options.packetSize() - 8) / 2);
        for (int off = 0; off < text.length; off += per) {
            conn.sendPacket("O" + Hex.encode(text, off, Math.min(per, text.length - off)));
        }
        return "OK";
    }

    // ---- registers ---------------------------------------------------------------------------

    private String readAllRegisters() throws ServedTargetException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < generalCount; i++) {
            s.append(registerHex(registers.get(i)));
        }
        return s.toString();
    }

    private String writeAllRegisters(String hex) throws ServedTargetException, RspProtocolException {
        int off = 0;
        for (int i = 0; i < generalCount && off < hex.length(); i++) {
            RegisterInfo r = registers.get(i);
            int end = off + 2 * r.byteSize();
            if (end > hex.length()) {
                throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "short G packet");
            }
            String part = hex.substring(off, end);
            if (!part.chars().allMatch(c -> c == 'x')) {
                target.writeRegister(r.regnum(), Hex.decode(part));
            }
            off = end;
        }
        return "OK";
    }

    private String readRegister(String num) throws ServedTargetException, RspProtocolException {
        return registerHex(register(Hex.parseInt(num)));
    }

    private String writeRegister(String args) throws ServedTargetException, RspProtocolException {
        int eq = args.indexOf('=');
        if (eq <= 0) {
            throw new RspProtocolException("malformed P");
        }
        RegisterInfo r = register(Hex.parseInt(args.substring(0, eq)));
        byte[] value = Hex.decode(args.substring(eq + 1));
        if (value.length != r.byteSize()) {
            throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "wrong register size");
        }
        target.writeRegister(r.regnum(), value);
        return "OK";
    }

    private RegisterInfo register(int regnum) throws ServedTargetException {
        for (RegisterInfo r : registers) {
            if (r.regnum() == regnum) {
                return r;
            }
        }
        throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "no register " + regnum);
    }

    private String registerHex(RegisterInfo r) throws ServedTargetException {
        Optional<byte[]> v = target.readRegister(r.regnum());
        if (v.isEmpty()) {
            return "xx".repeat(r.byteSize());
        }
        byte[] b = v.get();
        if (b.length != r.byteSize()) {
            throw new IllegalStateException("served register " + r.name() + " has " + b.length + " bytes, not "
                    + r.byteSize());
        }
        return Hex.encode(b);
    }

    // ---- memory ------------------------------------------------------------------------------

    private byte[] readMemory(String args, int max) throws ServedTargetException, RspProtocolException {
        long[] range = offsetLength(args);
        if (range[1] > max) {
            throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "read longer than " + max);
        }
        int len = (int) range[1];
        if (len == 0) {
            return new byte[0];
        }
        byte[] data = physical ? target.readPhysical(range[0], len) : target.readVirtual(range[0], len);
        if (data == null || data.length == 0) {
            throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "nothing readable");
        }
        return data.length > len ? Arrays.copyOf(data, len) : data;
    }

    private String readMemoryHex(String args) throws ServedTargetException, RspProtocolException {
        return Hex.encode(readMemory(args, options.packetSize() / 2));
    }

    private byte[] readMemoryBinary(String args) throws ServedTargetException, RspProtocolException {
        byte[] data = readMemory(args, options.packetSize() / 2);
        byte[] out = new byte[data.length + 1];
        out[0] = 'b';
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }

    private String writeMemoryHex(String args) throws ServedTargetException, RspProtocolException {
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new RspProtocolException("malformed M");
        }
        long[] range = offsetLength(args.substring(0, colon));
        byte[] data = Hex.decode(args.substring(colon + 1));
        if (data.length != range[1]) {
            throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "length mismatch");
        }
        target.writeMemory(range[0], data, physical);
        return "OK";
    }

    private String writeMemoryBinary(byte[] payload) throws ServedTargetException, RspProtocolException {
        int colon = -1;
        for (int i = 1; i < payload.length; i++) {
            if (payload[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            throw new RspProtocolException("malformed X");
        }
        long[] range = offsetLength(new String(payload, 1, colon - 1, StandardCharsets.ISO_8859_1));
        byte[] data = Arrays.copyOfRange(payload, colon + 1, payload.length);
        if (data.length != range[1]) {
            throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "length mismatch");
        }
        if (data.length == 0) {
            return "OK";  // gdb probes X support with an empty write
        }
        target.writeMemory(range[0], data, physical);
        return "OK";
    }

    private static long[] offsetLength(String s) throws RspProtocolException {
        int comma = s.indexOf(',');
        if (comma <= 0) {
            throw new RspProtocolException("expected addr,length");
        }
        return new long[] {Hex.parseLong(s.substring(0, comma)), Hex.parseLong(s.substring(comma + 1))};
    }

    private static byte[] bytes(String s) {
        return Hex.latin1(s);
    }
}
