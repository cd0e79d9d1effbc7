package org.vmscope.bridge.rsp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GDB remote protocol client for reading a halted target: registers, virtual and physical memory,
 * monitor commands, and simple run control.
 *
 * <p>Follows the protocol strictly (acks, no-ack mode only when offered, PacketSize, {@code x} only
 * when {@code binary-upload+} is offered), so QEMU, OpenOCD and J-Link servers behave alike. Every
 * wait is bounded. After a protocol error, a timeout or a disconnect the client is closed, because
 * the reply stream can no longer be matched to requests; error replies ({@code Enn}) and
 * unsupported packets leave it usable.
 *
 * <p>Methods are synchronized; only {@link #sendInterrupt()} may be called from another thread while
 * one waits in {@link #waitForStop(long)}.
 */
public final class RspClient implements Closeable {
    private static final String QSUPPORTED =
            "qSupported:multiprocess-;swbreak+;hwbreak+;vContSupported+;binary-upload+";
    private static final int MAX_XFER_BYTES = 8 * 1024 * 1024;
    private static final int MAX_MONITOR_CHARS = 16 * 1024 * 1024;

    private final RspConnection conn;
    private final RspClientOptions options;
    private final RequestPipeline pipeline;
    private final boolean borrowed;
    private RemoteFeatures features = RemoteFeatures.none();
    private TargetDescription description;
    private RspException descriptionError;
    private StopReply lastStop;
    private boolean binaryReads;
    private Boolean physicalMode;
    private boolean physicalModeOn;
    private RequestPipeline.Pending running;
    private volatile boolean closed;

    private RspClient(RspConnection conn, RspClientOptions options, boolean borrowed) {
        this.conn = conn;
        this.options = options;
        this.borrowed = borrowed;
        this.pipeline = new RequestPipeline(conn, this::onUnsolicited);
    }

    /** Connects with default options and performs the handshake. */
    public static RspClient connect(String host, int port) throws RspException {
        return connect(host, port, RspClientOptions.defaults());
    }

    /**
     * Connects, then: qSupported, no-ack mode if offered, {@code ?}, and target.xml if offered.
     */
    public static RspClient connect(String host, int port, RspClientOptions options) throws RspException {
        RspStats stats = new RspStats();
        return open(SocketTransport.connect(host, port, options.connectTimeoutMillis(), stats), stats, options);
    }

    /** The handshake over a transport already open (a socket, or a scripted byte stream in tests). */
    static RspClient open(RspTransport transport, RspStats stats, RspClientOptions options) throws RspException {
        RspClient client = new RspClient(new RspConnection(transport, options.limits(), stats), options, false);
        try {
            client.handshake();
        } catch (RspException e) {
            client.conn.close();
            throw e;
        }
        return client;
    }

    /**
     * A client over a connection owned by someone else (the proxy's target side), already past the
     * handshake. It cannot resume, step, detach or close the connection.
     */
    static RspClient borrow(RspConnection conn, RemoteFeatures features, RspClientOptions options) {
        RspClient c = new RspClient(conn, options, true);
        c.features = features;
        c.binaryReads = options.binaryReads() && features.supports("binary-upload");
        return c;
    }

    private void handshake() throws RspException {
        conn.sendAck();  // like gdb: tells a stub waiting for an ack that a debugger is here
        String reply = exchange(QSUPPORTED);
        Replies.checkError("qSupported", reply);
        features = RemoteFeatures.parse(reply);
        binaryReads = options.binaryReads() && features.supports("binary-upload");
        if (options.requestNoAck() && features.supports("QStartNoAckMode")) {
            if (exchange("QStartNoAckMode").equals("OK")) {
                conn.setAckMode(false);
            }
        }
        lastStop = parseStop(exchange("?"));
        if (options.loadTargetDescription() && features.supports("qXfer:features:read")) {
            loadDescription();
        }
    }

    // ---- general ----------------------------------------------------------------------------

    public RemoteFeatures features() {
        return features;
    }

    /** PacketSize announced by the target (bytes). */
    public int packetSize() {
        return features.packetSize();
    }

    public boolean noAckMode() {
        return !conn.ackMode();
    }

    public RspStats stats() {
        return conn.stats();
    }

    public boolean isOpen() {
        return !closed && conn.isOpen();
    }

    /** The last stop reply seen (from the handshake, a run-control call, or sent unsolicited). */
    public synchronized StopReply lastStop() {
        return lastStop;
    }

    /**
     * Sends one packet and returns the reply as text (one char per byte), unchanged: error replies
     * are returned, not thrown. For packets this class has no method for.
     */
    public synchronized String request(String payload) throws RspException {
        return exchange(payload);
    }

    /** {@code ?}: asks why the target stopped. */
    public synchronized StopReply queryStopReason() throws RspException {
        lastStop = parseStop(exchange("?"));
        return lastStop;
    }

    // ---- target description -----------------------------------------------------------------

    /** The target description, loading it on first use if the target offers qXfer:features:read. */
    public synchronized Optional<TargetDescription> targetDescription() throws RspException {
        if (description == null && descriptionError == null && features.supports("qXfer:features:read")) {
            loadDescription();
        }
        return Optional.ofNullable(description);
    }

    /** The target description, or an exception saying why there is none. */
    public synchronized TargetDescription requireTargetDescription() throws RspException {
        Optional<TargetDescription> d = targetDescription();
        if (d.isPresent()) {
            return d.get();
        }
        if (descriptionError != null) {
            throw descriptionError;
        }
        throw new RspUnsupportedException("target offers no target description (qXfer:features:read)");
    }

    private void loadDescription() throws RspException {
        try {
            description = TargetDescriptionParser.load(annex -> new String(xferRead("features", annex),
                    StandardCharsets.UTF_8));
        } catch (RspDisconnectedException | RspTimeoutException e) {
            throw e;
        } catch (RspException e) {
            if (closed) {
                throw e;
            }
            descriptionError = e;
        }
    }

    /** Reads a whole qXfer object ({@code qXfer:<object>:read:<annex>:off,len}). */
    public synchronized byte[] xferRead(String object, String annex) throws RspException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = Math.max(64, packetSize() - 16);
        while (true) {
            String req = "qXfer:" + object + ":read:" + annex + ":" + Integer.toHexString(out.size()) + ","
                    + Integer.toHexString(chunk);
            byte[] reply = exchangeBytes(req);
            String text = Hex.latin1(reply);
            Replies.checkError(req, text);
            if (reply.length == 0) {
                throw new RspUnsupportedException("target does not support qXfer:" + object + ":read");
            }
            if (reply[0] != 'm' && reply[0] != 'l') {
                throw fail(new RspProtocolException("bad qXfer reply '" + RspErrorReplyException.abbreviate(text) + "'"));
            }
            out.write(reply, 1, reply.length - 1);
            if (out.size() > MAX_XFER_BYTES) {
                throw new RspProtocolException("qXfer:" + object + " " + annex + " exceeds " + MAX_XFER_BYTES + " bytes");
            }
            if (reply[0] == 'l') {
                return out.toByteArray();
            }
            if (reply.length == 1) {
                throw new RspProtocolException("qXfer:" + object + " " + annex + " made no progress");
            }
        }
    }

    // ---- registers ---------------------------------------------------------------------------

    /** The {@code g} reply as hex text ({@code xx} marks unavailable bytes). */
    public synchronized String readRegistersHex() throws RspException {
        String reply = Replies.checkError("g", exchange("g"));
        if (reply.isEmpty()) {
            throw new RspUnsupportedException("target does not support g");
        }
        if ((reply.length() & 1) != 0) {
            throw fail(new RspProtocolException("odd-length g reply"));
        }
        return reply;
    }

    /** The registers contained in a {@code g} reply, sliced by the target description. */
    public synchronized Map<RegisterInfo, RegisterValue> readGeneralRegisters() throws RspException {
        TargetDescription d = requireTargetDescription();
        String hex = readRegistersHex();
        Map<RegisterInfo, RegisterValue> out = new LinkedHashMap<>();
        int off = 0;
        for (RegisterInfo r : d.registers()) {
            int end = off + 2 * r.byteSize();
            if (end > hex.length()) {
                break;
            }
            out.put(r, RegisterValue.fromHex(r, hex.substring(off, end), options.littleEndian()));
            off = end;
        }
        return out;
    }

    /** Reads one register with {@code p}; falls back to slicing {@code g} if {@code p} is unsupported. */
    public synchronized RegisterValue readRegister(RegisterInfo reg) throws RspException {
        String req = "p" + Integer.toHexString(reg.regnum());
        String reply = Replies.checkError(req, exchange(req));
        if (!reply.isEmpty()) {
            return RegisterValue.fromHex(reg, reply, options.littleEndian());
        }
        TargetDescription d = requireTargetDescription();
        String g = readRegistersHex();
        int off = 2 * d.gOffset(reg);
        int end = off + 2 * reg.byteSize();
        if (end > g.length()) {
            throw new RspUnsupportedException("target answers neither p for " + reg.name() + " nor has it in g");
        }
        return RegisterValue.fromHex(reg, g.substring(off, end), options.littleEndian());
    }

    /** Reads the first register named {@code name} (case ignored). */
    public synchronized RegisterValue readRegister(String name) throws RspException {
        RegisterInfo reg = requireTargetDescription().find(name)
                .orElseThrow(() -> new RspUnsupportedException("target has no register named " + name));
        return readRegister(reg);
    }

    // ---- memory ------------------------------------------------------------------------------

    /**
     * Reads memory at a virtual address (or physical, inside {@link #withPhysicalMemoryMode}), split into
     * packets of at most half the PacketSize and pipelined up to the configured depth.
     *
     * @throws RspErrorReplyException   when the target refuses part of the range; {@link
     *                                  RspException#partialData()} holds the bytes read before it
     * @throws RspDisconnectedException when the connection drops; partial data as above
     */
    public synchronized byte[] readMemory(long address, int length) throws RspException {
        return readMemory(address, length, options.pipelineDepth());
    }

    /** Like {@link #readMemory(long, int)} with an explicit pipeline depth (1 = sequential). */
    public synchronized byte[] readMemory(long address, int length, int depth) throws RspException {
        if (length < 0 || depth < 1 || (length > 0 && Long.compareUnsigned(address + length - 1, address) < 0)) {
            throw new IllegalArgumentException("bad memory range 0x" + Long.toHexString(address) + "+" + length);
        }
        ensureUsable();
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        int chunk = chunkSize();
        int n = (int) ((length + (long) chunk - 1) / chunk);
        int[] got = new int[n];
        int errorChunk = n;
        RspException error = null;
        ArrayDeque<Object[]> inflight = new ArrayDeque<>();
        int next = 0;
        try {
            while (next < n || !inflight.isEmpty()) {
                while (error == null && next < n && inflight.size() < depth) {
                    int len = Math.min(chunk, length - next * chunk);
                    boolean binary = binaryReads;
                    String req = readRequest(binary, address + (long) next * chunk, len);
                    inflight.add(new Object[] {pipeline.submit(req), next, binary, req});
                    next++;
                }
                if (inflight.isEmpty()) {
                    break;
                }
                Object[] e = inflight.poll();
                int i = (Integer) e[1];
                byte[] reply = pipeline.awaitReply((RequestPipeline.Pending) e[0], options.replyTimeoutMillis());
                int len = Math.min(chunk, length - i * chunk);
                try {
                    byte[] data = decodeRead((Boolean) e[2], (String) e[3], reply, len);
                    System.arraycopy(data, 0, out, i * chunk, data.length);
                    got[i] = data.length;
                } catch (RspUnsupportedException ex) {
                    if (!(Boolean) e[2]) {
                        throw ex;
                    }
                    binaryReads = false;  // x refused: the chunk is read again with m below
                } catch (RspErrorReplyException ex) {
                    if (i < errorChunk) {
                        errorChunk = i;
                        error = ex;
                    }
                }
            }
            // complete short chunks one request at a time
            for (int i = 0; i < Math.min(n, errorChunk); i++) {
                int len = Math.min(chunk, length - i * chunk);
                while (got[i] < len) {
                    long at = address + (long) i * chunk + got[i];
                    int want = len - got[i];
                    boolean binary = binaryReads;
                    String req = readRequest(binary, at, want);
                    byte[] data;
                    try {
                        data = decodeRead(binary, req, exchangeBytes(req), want);
                    } catch (RspUnsupportedException ex) {
                        if (!binary) {
                            throw ex;
                        }
                        binaryReads = false;
                        continue;
                    } catch (RspErrorReplyException ex) {
                        errorChunk = i;
                        error = ex;
                        break;
                    }
                    if (data.length == 0) {
                        errorChunk = i;
                        error = new RspErrorReplyException(req, "(no data)", -1);
                        break;
                    }
                    System.arraycopy(data, 0, out, i * chunk + got[i], data.length);
                    got[i] += data.length;
                }
            }
        } catch (RspException e) {
            if (!(e instanceof RspErrorReplyException) && !(e instanceof RspUnsupportedException)) {
                fail(e);
            }
            throw e.withPartial(prefix(out, got, chunk));
        }
        if (error != null) {
            throw error.withPartial(prefix(out, got, chunk));
        }
        return out;
    }

    private int chunkSize() {
        int fromPacket = binaryReads ? (packetSize() - 8) / 2 : packetSize() / 2;
        int c = Math.max(16, fromPacket);
        return options.maxReadChunk() > 0 ? Math.min(c, options.maxReadChunk()) : c;
    }

    private static String readRequest(boolean binary, long address, int len) {
        return (binary ? "x" : "m") + Long.toHexString(address) + "," + Integer.toHexString(len);
    }

    private byte[] decodeRead(boolean binary, String req, byte[] reply, int len) throws RspException {
        if (reply.length <= 3 || reply[0] == 'E') {
            Replies.checkError(req, Hex.latin1(reply));
        }
        if (reply.length == 0) {
            throw new RspUnsupportedException("target does not support " + req.charAt(0) + " packets");
        }
        byte[] data;
        if (binary) {
            if (reply[0] != 'b') {
                throw new RspProtocolException("x reply does not start with 'b'");
            }
            data = Arrays.copyOfRange(reply, 1, reply.length);
        } else {
            data = Hex.decode(reply);
        }
        if (data.length > len) {
            throw new RspProtocolException("target returned " + data.length + " bytes for " + req);
        }
        return data;
    }

    private static byte[] prefix(byte[] out, int[] got, int chunk) {
        int valid = 0;
        for (int i = 0; i < got.length; i++) {
            valid += got[i];
            int len = Math.min(chunk, out.length - i * chunk);
            if (got[i] < len) {
                break;
            }
        }
        return Arrays.copyOf(out, valid);
    }

    /** Whether the target has QEMU's physical memory mode ({@code qqemu.Supported} lists PhyMemMode). */
    public synchronized boolean supportsPhysicalMemoryMode() throws RspException {
        if (physicalMode == null) {
            String reply = exchange("qqemu.Supported");
            physicalMode = !Replies.isError(reply) && Arrays.asList(reply.split(";")).contains("PhyMemMode");
        }
        return physicalMode;
    }

    /**
     * Runs {@code action} with memory packets addressing physical memory ({@code Qqemu.PhyMemMode:1}),
     * and always sets the mode back to 0 afterwards, because it is sticky and global in QEMU and
     * would turn the debugger's own later reads physical.
     */
    public synchronized <T> T withPhysicalMemoryMode(RspAction<T> action) throws RspException {
        if (!supportsPhysicalMemoryMode()) {
            throw new RspUnsupportedException("target has no physical memory mode (Qqemu.PhyMemMode)");
        }
        Replies.expectOk("Qqemu.PhyMemMode:1", exchange("Qqemu.PhyMemMode:1"));
        Throwable primary = null;
        try {
            return action.run(this);
        } catch (RspException | RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            if (isOpen()) {
                try {
                    Replies.expectOk("Qqemu.PhyMemMode:0", exchange("Qqemu.PhyMemMode:0"));
                } catch (RspException e) {
                    if (primary == null) {
                        throw e;
                    }
                    primary.addSuppressed(e);
                }
            }
        }
    }

    /** Reads guest-physical memory through {@link #withPhysicalMemoryMode}. */
    public synchronized byte[] readPhysicalMemory(long address, int length) throws RspException {
        return withPhysicalMemoryMode(c -> c.readMemory(address, length));
    }

    // ---- monitor -----------------------------------------------------------------------------

    /**
     * Runs a monitor command ({@code qRcmd}) and returns its output, gathered from the hex
     * {@code O} packets that precede the final {@code OK}.
     */
    public synchronized String monitor(String command) throws RspException {
        ensureUsable();
        String req = "qRcmd," + Hex.encodeText(command);
        List<byte[]> parts = new ArrayList<>();
        int[] size = {0};
        byte[] reply;
        try {
            RequestPipeline.Pending p = pipeline.submit(Hex.latin1(req), Replies::isConsoleOutput, payload -> {
                if (size[0] < MAX_MONITOR_CHARS) {
                    parts.add(payload);
                    size[0] += payload.length;
                }
            });
            reply = pipeline.awaitReply(p, options.replyTimeoutMillis());
        } catch (RspException e) {
            throw fail(e);
        }
        StringBuilder out = new StringBuilder();
        for (byte[] part : parts) {
            out.append(Hex.decodeText(Hex.latin1(part).substring(1)));
        }
        String text = Hex.latin1(reply);
        if (Replies.isError(text)) {
            throw new RspErrorReplyException("monitor " + command, text, Replies.errorCode(text));
        }
        if (text.isEmpty()) {
            throw new RspUnsupportedException("target does not support monitor commands (qRcmd)");
        }
        if (!text.equals("OK")) {
            out.append(Hex.decodeText(text));
        }
        return out.toString();
    }

    // ---- run control -------------------------------------------------------------------------

    /** {@code c}: lets the target run; wait for it with {@link #waitForStop} or stop it with an interrupt. */
    public synchronized void resume() throws RspException {
        startRunning("c");
    }

    /** {@code s}: executes one instruction and returns the stop reply. */
    public synchronized StopReply step() throws RspException {
        startRunning("s");
        return waitForStop(options.replyTimeoutMillis());
    }

    /**
     * Waits for the stop reply of a resumed target. A timeout here leaves the target running and the
     * client usable.
     */
    public synchronized StopReply waitForStop(long timeoutMillis) throws RspException {
        if (running == null) {
            throw new RspException("target is not running");
        }
        byte[] reply;
        try {
            reply = pipeline.awaitReply(running, timeoutMillis);
        } catch (RspTimeoutException e) {
            if (e.midPacket()) {
                throw fail(e);
            }
            throw e;
        } catch (RspException e) {
            throw fail(e);
        }
        running = null;
        String text = Hex.latin1(reply);
        Replies.checkError("resume", text);
        lastStop = parseStop(text);
        return lastStop;
    }

    /** Whether a {@code c} or {@code s} has not been answered yet. */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /** Sends the interrupt byte (^C); safe to call from any thread. */
    public void sendInterrupt() throws RspException {
        conn.sendInterrupt();
    }

    /** Interrupts a running target and returns its stop reply. */
    public StopReply interrupt(long timeoutMillis) throws RspException {
        sendInterrupt();
        return waitForStop(timeoutMillis);
    }

    private void startRunning(String packet) throws RspException {
        if (borrowed) {
            throw new RspException("a borrowed connection cannot resume the target");
        }
        ensureUsable();
        try {
            running = pipeline.submit(Hex.latin1(packet), Replies::isConsoleOutput,
                    payload -> consoleOutput(payload));
        } catch (RspException e) {
            throw fail(e);
        }
    }

    private void consoleOutput(byte[] payload) {
        try {
            options.console().accept(Hex.decodeText(Hex.latin1(payload).substring(1)));
        } catch (RspProtocolException e) {
            options.console().accept("<undecodable console output>");
        }
    }

    // ---- ending ------------------------------------------------------------------------------

    /** {@code D}: detaches (the target resumes) and closes the connection. */
    public synchronized void detach() throws RspException {
        if (borrowed) {
            throw new RspException("a borrowed connection cannot detach");
        }
        try {
            String reply = exchange("D");
            if (Replies.isError(reply)) {
                reply = exchange("D;1");  // stubs in multiprocess mode want the pid
            }
            Replies.expectOk("D", reply);
        } finally {
            close();
        }
    }

    /** Closes the connection without detaching (QEMU leaves the VM paused). */
    @Override
    public void close() {
        closed = true;
        if (!borrowed) {
            conn.close();
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private void ensureUsable() throws RspException {
        if (closed || !conn.isOpen()) {
            throw new RspDisconnectedException("connection is closed");
        }
        if (running != null) {
            throw new RspException("target is running; interrupt it or wait for it to stop first");
        }
    }

    private String exchange(String request) throws RspException {
        return Hex.latin1(exchangeBytes(request));
    }

    private byte[] exchangeBytes(String request) throws RspException {
        ensureUsable();
        byte[] reply;
        try {
            reply = pipeline.awaitReply(pipeline.submit(request), options.replyTimeoutMillis());
        } catch (RspException e) {
            throw fail(e);
        }
        if (request.startsWith("Qqemu.PhyMemMode:") && reply.length == 2 && reply[0] == 'O' && reply[1] == 'K') {
            physicalModeOn = request.endsWith(":1");  // tracked even for raw requests, see the proxy
        }
        return reply;
    }

    /** Whether this client switched QEMU's physical memory mode on and has not switched it off. */
    public synchronized boolean physicalModeLeftOn() {
        return physicalModeOn;
    }

    /** Marks the connection unusable: replies can no longer be matched to requests. */
    private RspException fail(RspException e) {
        closed = true;
        pipeline.clear();
        conn.close();
        return e;
    }

    private void onUnsolicited(byte[] payload) {
        String text = Hex.latin1(payload);
        if (StopReply.looksLikeStopReply(text)) {
            try {
                lastStop = StopReply.parse(text);
            } catch (RspProtocolException ignored) {
                // not a stop reply after all; nothing to record
            }
        }
    }

    private StopReply parseStop(String reply) throws RspException {
        Replies.checkError("?", reply);
        try {
            return StopReply.parse(reply);
        } catch (RspProtocolException e) {
            throw fail(e);
        }
    }
}
