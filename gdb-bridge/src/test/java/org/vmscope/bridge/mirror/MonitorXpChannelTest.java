package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vmscope.bridge.rsp.RspException;

class MonitorXpChannelTest {

    @Test
    void parsesQemuXpBytes() throws Exception {
        // as QEMU 7.2 prints xp /12xb 0x100000
        String out = "0000000000100000: 0x02 0xb0 0xad 0x1b 0x00 0x00 0x00 0x00\n"
                + "0000000000100008: 0xfe 0x4f 0x52 0xe4\n";
        assertArrayEquals(new byte[] {2, (byte) 0xb0, (byte) 0xad, 0x1b, 0, 0, 0, 0, (byte) 0xfe, 0x4f, 0x52, (byte) 0xe4},
                MonitorXpChannel.parse(out, 0x100000, 12));
    }

    @Test
    void refusesWhatIsNotExactlyTheAskedBytes() {
        assertThrows(RspException.class, () -> MonitorXpChannel.parse("0000000090000000: Cannot access memory\n", 0x90000000L, 4));
        assertThrows(RspException.class, () -> MonitorXpChannel.parse("0000000000100000: 0x01 0x02\n", 0x100000, 4));
        assertThrows(RspException.class, () -> MonitorXpChannel.parse("0000000000100004: 0x01 0x02 0x03 0x04\n", 0x100000, 4));
        assertThrows(RspException.class, () -> MonitorXpChannel.parse("unknown command: 'xp'\n", 0x100000, 4));
        assertThrows(RspException.class, () -> MonitorXpChannel.parse("0000000000100000: 0x01 0x02 0x03 0x04 0x05\n", 0x100000, 4));
    }
}
