package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vmscope.model.check.CheckFixture.USER;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntryPoolChecksTest {
    private CheckFixture f;
    private KernelState st;
    private EntryPoolState pool;

    @BeforeEach
    void healthy() throws Exception {
        f = CheckFixture.soft().typicalOps();
        st = f.state();
        pool = st.pool();
        assertEquals(List.of(), check());
        // independent count: kernel map entries + user map entries + free = total
        int used = st.kmap().inOrder().size() + st.map(USER).inOrder().size();
        assertEquals(pool.total(), used + pool.free());
    }

    private List<Problem> check() {
        return Checks.entryPool(pool, st.maps());
    }

    private int last() {
        int c = pool.head;
        while (pool.next[c] != PageArrayState.NIL) {
            c = pool.next[c];
        }
        return c;
    }

    @Test
    void cyclicFreeListIsReportedNotLoopedOn() {
        int tail = last();
        pool.next[tail] = pool.head;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.POOL_FREE_LIST_CORRUPT);
        assertNames(ps, ProblemCode.POOL_FREE_LIST_CORRUPT, "map_entry pool slot " + tail);
    }

    @Test
    void doubleMapFreeMakesASelfLoop() {
        // map_free of the head again: e->next = free (itself); free = e
        pool.next[pool.head] = pool.head;
        pool.nfree++;
        assertCodes(check(), ProblemCode.POOL_FREE_LIST_CORRUPT);
    }

    @Test
    void linkOutsideThePoolIsReported() {
        pool.next[pool.head] = pool.total() + 5;
        assertCodes(check(), ProblemCode.POOL_FREE_LIST_CORRUPT);
    }

    @Test
    void wrongNfreeIsReported() {
        pool.nfree--;
        assertCodes(check(), ProblemCode.POOL_NFREE_MISMATCH);
    }

    @Test
    void entryFreedWhileInATreeIsReported() {
        MapState m = st.map(USER);
        EntryState e = m.inOrder().get(1);
        pool.next[e.slot] = pool.head; // map_free(e) without removing it from the tree
        pool.head = e.slot;
        pool.nfree++;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.POOL_FREE_ENTRY_IN_MAP);
        assertNames(ps, ProblemCode.POOL_FREE_ENTRY_IN_MAP, m.subject(e));
    }

    @Test
    void entryInTwoMapsIsReported() {
        MapState m = st.map(USER);
        EntryState kernelEntry = st.kmap().inOrder().get(0);
        EntryState last = m.inOrder().get(m.inOrder().size() - 1);
        m.nodes.put(kernelEntry.slot, kernelEntry);
        last.right = kernelEntry.slot; // the user tree links a kernel map entry
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.POOL_ENTRY_IN_TWO_MAPS);
        assertNames(ps, ProblemCode.POOL_ENTRY_IN_TWO_MAPS, m.subject(kernelEntry));
    }

    @Test
    void slotLostFromTheFreeListIsALeak() {
        int second = pool.next[pool.head];
        pool.next[pool.head] = pool.next[second];
        pool.nfree--;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.POOL_SLOT_LEAKED);
        assertEquals("1 slot(s) neither free nor in any map (used + free != total), first: [" + second + "]",
                ps.get(0).message());
    }

    @Test
    void unlistedMapLooksLikeALeak() {
        // the pool check needs every live map: without the user map its entries are unaccounted for
        KernelState kernelOnly = SimStates.of(f.k).baseline(f.boot).capture();
        assertCodes(Checks.entryPool(kernelOnly.pool(), kernelOnly.maps()), ProblemCode.POOL_SLOT_LEAKED);
    }
}
