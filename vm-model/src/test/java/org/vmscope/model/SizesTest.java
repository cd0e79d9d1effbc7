package org.vmscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesDecimalHexAndBinarySuffixes() {
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(0x1000, Sizes.parse("0x1000"));
        assertEquals(0xB, Sizes.parse("0xB"), "a hex B is a digit, not a unit");
        assertEquals(16L << 20, Sizes.parse("16M"));
        assertEquals(16L << 20, Sizes.parse("16MiB"));
        assertEquals(16L << 20, Sizes.parse("16mb"));
        assertEquals(4L << 30, Sizes.parse(" 4G "));
        assertEquals(64L << 10, Sizes.parse("64K"));
        assertEquals(-2, Sizes.parse("-2"));
        assertEquals(0xffffffff_ffffffffL, Sizes.parse("0xffffffffffffffff"));
    }

    @Test
    void rejectsWhatIsNoNumber() {
        for (String bad : new String[] {"", "M", "12Q", "0x", "0xZZ", "9999999999G", "1.5M"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad), bad);
            assertEquals("'" + bad + "' is not a number or size (e.g. 4096, 0x1000, 16M, 4G)", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Sizes.parsePositive("0"));
    }
}
