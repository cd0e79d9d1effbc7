package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ack, nack and retransmission rules, driven by scripted target bytes. */
class RequestPipelineTest {

    private static String frame(String payload) {
        return Hex.latin1(PacketCodec.frame(Hex.latin1(payload)));
    }

    private static RspConnection conn(ScriptedTransport t) {
        return new RspConnection(t, RspLimits.DEFAULT, new RspStats());
    }

    @Test
    void nackedRequestIsSentAgainAndBadReplyIsNacked() throws Exception {
        // target: rejects our packet once, accepts it, sends a corrupted reply, then a good one
        ScriptedTransport t = new ScriptedTransport("-+$OK#00" + frame("OK"), false);
        RspConnection c = conn(t);
        RequestPipeline p = new RequestPipeline(c, x -> { });
        String reply = Hex.latin1(p.awaitReply(p.submit("qX"), 1000));
        assertEquals("OK", reply);
        // two transmissions, a nack for the corrupted reply, an ack for the good one
        assertEquals(frame("qX") + frame("qX") + "-+", t.written());
        assertEquals(1, c.stats().snapshot().retransmissions());
        assertEquals(1, c.stats().snapshot().nacksSent());
    }

    @Test
    void packetBeforeAnyAckIsUnsolicited() throws Exception {
        // QEMU sends T02 right after connecting to a running VM, before acking our first packet
        ScriptedTransport t = new ScriptedTransport(frame("T02thread:01;") + "+" + frame("PacketSize=1000"), false);
        List<String> unsolicited = new ArrayList<>();
        RequestPipeline p = new RequestPipeline(conn(t), x -> unsolicited.add(Hex.latin1(x)));
        assertEquals("PacketSize=1000", Hex.latin1(p.awaitReply(p.submit("qSupported"), 1000)));
        assertEquals(List.of("T02thread:01;"), unsolicited);
    }

    @Test
    void pipelinedRepliesMatchRequestsInOrder() throws Exception {
        // three requests in flight; the target acks them in a burst, then answers; one nack in between
        String script = "+-+" + frame("aa") + "+" + frame("cc") + frame("bb");
        ScriptedTransport t = new ScriptedTransport(script, false);
        RequestPipeline p = new RequestPipeline(conn(t), x -> { });
        RequestPipeline.Pending a = p.submit("m0,1");
        RequestPipeline.Pending b = p.submit("m1,1");
        RequestPipeline.Pending c = p.submit("m2,1");
        // acks: a accepted; b rejected (resent after c); c accepted; b accepted -> replies a, c, b
        assertEquals("aa", Hex.latin1(p.awaitReply(a, 1000)));
        assertThrows(RspProtocolException.class, () -> p.awaitReply(b, 1000));
    }

    @Test
    void retransmittedRequestGetsItsReplyAfterTheOthers() throws Exception {
        String script = "+-+" + frame("aa") + frame("cc") + "+" + frame("bb");
        RequestPipeline p = new RequestPipeline(conn(new ScriptedTransport(script, false)), x -> { });
        RequestPipeline.Pending a = p.submit("m0,1");
        RequestPipeline.Pending b = p.submit("m1,1");
        RequestPipeline.Pending c = p.submit("m2,1");
        assertEquals("aa", Hex.latin1(p.awaitReply(a, 1000)));
        assertEquals("cc", Hex.latin1(p.awaitReply(c, 1000)));
        assertEquals("bb", Hex.latin1(p.awaitReply(b, 1000)));
    }

    @Test
    void endlessNacksGiveUp() {
        RequestPipeline p = new RequestPipeline(conn(new ScriptedTransport("-".repeat(10), false)), x -> { });
        assertThrows(RspProtocolException.class, () -> p.awaitReply(p.submit("g"), 1000));
    }

    @Test
    void consoleOutputIsIntermediate() throws Exception {
        ScriptedTransport t = new ScriptedTransport("+" + frame("O6869") + frame("O0a") + frame("OK"), false);
        RequestPipeline p = new RequestPipeline(conn(t), x -> { });
        StringBuilder out = new StringBuilder();
        RequestPipeline.Pending r = p.submit(Hex.latin1("qRcmd,00"), Replies::isConsoleOutput,
                x -> out.append(Hex.latin1(x)));
        assertEquals("OK", Hex.latin1(p.awaitReply(r, 1000)));
        assertEquals("O6869O0a", out.toString());
    }

    @Test
    void noAckModeNeitherWaitsForNorSendsAcks() throws Exception {
        ScriptedTransport t = new ScriptedTransport(frame("OK"), false);
        RspConnection c = conn(t);
        c.setAckMode(false);
        RequestPipeline p = new RequestPipeline(c, x -> { });
        assertEquals("OK", Hex.latin1(p.awaitReply(p.submit("QX"), 1000)));
        assertEquals(frame("QX"), t.written());
    }

    @Test
    void badChecksumInNoAckModeIsAProtocolError() throws Exception {
        RspConnection c = conn(new ScriptedTransport("$OK#00", false));
        c.setAckMode(false);
        RequestPipeline p = new RequestPipeline(c, x -> { });
        assertThrows(RspProtocolException.class, () -> p.awaitReply(p.submit("QX"), 1000));
    }

    @Test
    void silentTargetTimesOut() {
        RequestPipeline p = new RequestPipeline(conn(new ScriptedTransport("+", true)), x -> { });
        assertThrows(RspTimeoutException.class, () -> p.awaitReply(p.submit("g"), 50));
    }
}
