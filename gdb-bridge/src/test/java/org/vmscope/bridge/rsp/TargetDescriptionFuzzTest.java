package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fuzzes the target-description parser with arbitrary XML, alone and as a set of documents that include
 * each other (cycles, self-includes, missing annexes). Only {@link RspProtocolException} may come out,
 * and the number of documents fetched stays bounded.
 */
class TargetDescriptionFuzzTest {
    private static final List<String> ANNEXES = List.of("target.xml", "a.xml", "b.xml");

    @FuzzTest(maxDuration = "2m")
    void anyDocumentParsesOrFailsClearly(byte[] document) {
        try {
            TargetDescription d = TargetDescriptionParser.parse(new String(document, StandardCharsets.UTF_8));
            for (RegisterInfo r : d.registers()) {
                assertFalse(r.name().isEmpty());
                assertTrue(r.bitsize() > 0 && r.byteSize() <= 1024, r.toString());
            }
        } catch (RspProtocolException e) {
            assertFalse(e.getMessage().isBlank());
        } catch (RspException e) {
            throw new AssertionError("undocumented exception " + e.getClass().getName(), e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void includedDocumentsAreFetchedBoundedly(FuzzedDataProvider data) {
        Map<String, String> docs = new HashMap<>();
        for (String annex : ANNEXES) {
            docs.put(annex, data.consumeString(4000));
        }
        AtomicInteger fetched = new AtomicInteger();
        try {
            TargetDescriptionParser.load(annex -> {
                fetched.incrementAndGet();
                String xml = docs.get(annex);
                if (xml == null) {
                    throw new RspErrorReplyException("qXfer:features:read:" + annex, "E00", 0);
                }
                return xml;
            });
        } catch (RspProtocolException | RspErrorReplyException e) {
            assertFalse(e.getMessage().isBlank());
        } catch (RspException e) {
            throw new AssertionError("undocumented exception " + e.getClass().getName(), e);
        }
        // each annex is parsed at most once; one more fetch is the one refused
        assertTrue(fetched.get() <= ANNEXES.size() + 1, fetched + " fetches");
    }
}
