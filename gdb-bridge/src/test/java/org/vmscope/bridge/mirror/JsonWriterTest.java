package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vmscope.bridge.cli.JsonWriter;

class JsonWriterTest {

    @Test
    void commasNestingAndEscapes() {
        String s = new JsonWriter().beginObject().field("a", 1).name("b").beginArray().value("x\"y\n").value(true)
                .beginObject().endObject().endArray().hex("c", -1L).field("d", (String) null).endObject().toString();
        assertEquals("{\"a\":1,\"b\":[\"x\\\"y\\n\",true,{}],\"c\":\"0xffffffffffffffff\",\"d\":null}", s);
    }
}
