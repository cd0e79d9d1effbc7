package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspDisconnectedException;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.RspTimeoutException;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.phys.RamBank;

/**
 * The one place every read of a live target goes through (architecture rule 5).
 * <ul>
 * <li>RAM only: a read not wholly inside {@link RamLayout} is refused before anything is sent, because
 * device registers can have read side effects and QEMU answers holes with zeros.</li>
 * <li>Read only: there is no write method.</li>
 * <li>Stop-scoped: whole 4 KiB pages are fetched and kept until {@link #invalidate()} (call it when the
 * target resumes); adjacent missing pages are fetched in one pipelined read.</li>
 * <li>Bounded: reads past {@code budgetBytes} are refused; after a disconnect every read fails at once.</li>
 * <li>Counted: bytes, reads, round trips and wire time ({@link #stats()}).</li>
 * </ul>
 * Not thread-safe; one mirror uses it from one thread.
 */
public final class GdbPhysReader implements PhysReader {
    public static final int PAGE = 4096;
    /**
     * Prefetch reads through holes of up to this many uncached pages between wanted ones: on QEMU a
     * round trip costs about as much as 8 pipelined pages, and the pages read on the way (often the
     * next level's tables, from the same allocator pool) are cached too.
     */
    public static final int PREFETCH_GAP_PAGES = 8;
    /** Default read budget per reader: far above any page-table walk, far below a RAM dump. */
    public static final long DEFAULT_BUDGET = 64L << 20;

    /** Bytes {@code [lo, hi)} of {@code data} are valid (a page cut by the end of a RAM bank). */
    private record Page(int lo, int hi, byte[] data) {
    }

    private final PhysicalChannel channel;
    private final RamLayout ram;
    private final long budget;
    private final LongSupplier roundTripCounter;
    private final RspClient client;
    private final Map<Long, Page> pages = new HashMap<>();
    private ReadListener listener = (pa, len, s) -> { };
    private int scopeDepth;
    private String lostReason;
    private String scopeWarning;
    private long bytesRead;
    private long wireReads;
    private long roundTrips;
    private long wireNanos;
    private long pageHits;
    private long refused;

    /**
     * @param client the connection behind {@code channel}, for round-trip counts and disconnect
     *               detection; may be null (then neither is tracked beyond the channel's exceptions)
     */
    public GdbPhysReader(PhysicalChannel channel, RamLayout ram, long budgetBytes, RspClient client) {
        if (channel == null || ram == null || budgetBytes <= 0) {
            throw new IllegalArgumentException("a channel, a RAM layout and a positive budget are required");
        }
        this.channel = channel;
        this.ram = ram;
        this.budget = budgetBytes;
        this.client = client;
        this.roundTripCounter = client == null ? () -> 0 : () -> client.stats().roundTrips();
    }

    public RamLayout ram() {
        return ram;
    }

    public PhysicalChannel channel() {
        return channel;
    }

    public void setListener(ReadListener l) {
        this.listener = l == null ? (pa, len, s) -> { } : l;
    }

    /** Why the target is gone (disconnect, timeout), or null while it is reachable. */
    public String lostReason() {
        return lostReason;
    }

    public boolean lost() {
        return lostReason != null;
    }

    /** A failure to restore the channel's mode after a session, or null. */
    public String scopeWarning() {
        return scopeWarning;
    }

    public ReadStats stats() {
        return new ReadStats(bytesRead, wireReads, roundTrips, wireNanos, pageHits, refused, pages.size(), budget);
    }

    /** Forgets every cached page: the target ran, memory may have changed. */
    public void invalidate() {
        pages.clear();
    }

    /** What the stop cache holds, as runs of adjacent bytes by address: what this stop read. */
    public List<PhysRange> cachedRuns() {
        List<Long> keys = new ArrayList<>(pages.keySet());
        keys.sort(Long::compareUnsigned);
        List<PhysRange> runs = new ArrayList<>();
        boolean open = false;
        long start = 0;
        long end = 0;
        for (long p : keys) {
            Page pg = pages.get(p);
            long from = p + pg.lo;
            long to = p + pg.hi;
            if (open && from == end && to - start <= Integer.MAX_VALUE) {
                end = to;
                continue;
            }
            if (open) {
                runs.add(new PhysRange(start, (int) (end - start)));
            }
            start = from;
            end = to;
            open = true;
        }
        if (open) {
            runs.add(new PhysRange(start, (int) (end - start)));
        }
        return runs;
    }

    /** Whether all of {@code [pa, pa+length)} is in the stop cache (a read of it costs nothing). */
    public boolean isCached(long pa, int length) {
        if (length <= 0 || !ram.contains(pa, length)) {
            return false;
        }
        long last = pageOf(pa + length - 1);
        for (long p = pageOf(pa); ; p += PAGE) {
            Page pg = pages.get(p);
            if (pg == null) {
                return false;
            }
            long from = Long.compareUnsigned(pa, p) > 0 ? pa - p : 0;
            long to = Math.min(PAGE, pa + length - p);
            if (from < pg.lo || to > pg.hi) {
                return false;
            }
            if (p == last) {
                return true;
            }
        }
    }

    @Override
    public boolean isRam(long pa, long length) {
        return ram.contains(pa, length);
    }

    @Override
    public byte[] read(long pa, int length) throws MemoryAccessException {
        if (length < 0) {
            throw new MemoryAccessException(pa, "negative length " + length);
        }
        RamBank bank = ram.bankOf(pa, length);
        if (bank == null) {
            refused++;
            throw new MemoryAccessException(pa, "outside RAM (" + length + " bytes); not read");
        }
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        List<Long> missing = new ArrayList<>();
        long first = pageOf(pa);
        long last = pageOf(pa + length - 1);
        for (long p = first; ; p += PAGE) {
            if (pages.containsKey(p)) {
                pageHits++;
            } else {
                missing.add(p);
            }
            if (p == last) {
                break;
            }
        }
        if (!missing.isEmpty()) {
            fetchRuns(bank, missing, true);
        }
        int done = 0;
        while (done < length) {
            long at = pa + done;
            Page pg = pages.get(pageOf(at));
            int off = (int) (at - pageOf(at));
            int n = Math.min(length - done, PAGE - off);
            if (pg == null || off < pg.lo || off + n > pg.hi) {
                throw new MemoryAccessException(at, "page missing from the cache after a read");
            }
            System.arraycopy(pg.data, off, out, done, n);
            done += n;
        }
        return out;
    }

    /**
     * Fetches the pages of {@code ranges} that are in RAM and not cached yet, adjacent pages in one read.
     * Failures are not thrown: a later {@link #read} of the same bytes reports them.
     */
    public void prefetch(Collection<PhysRange> ranges) {
        Map<RamBank, TreeSet<Long>> byBank = new HashMap<>();
        for (PhysRange r : ranges) {
            RamBank bank = ram.bankOf(r.pa(), r.length());
            if (bank == null) {
                continue;
            }
            long last = pageOf(r.pa() + r.length() - 1);
            for (long p = pageOf(r.pa()); ; p += PAGE) {
                if (!pages.containsKey(p)) {
                    byBank.computeIfAbsent(bank, b -> new TreeSet<>(Long::compareUnsigned)).add(p);
                }
                if (p == last) {
                    break;
                }
            }
        }
        for (Map.Entry<RamBank, TreeSet<Long>> e : byBank.entrySet()) {
            fillHoles(e.getValue());
            try {
                fetchRuns(e.getKey(), new ArrayList<>(e.getValue()), false);
            } catch (MemoryAccessException ignored) {
                // the walker's own read of these bytes reports the problem where it matters
            }
        }
    }

    /**
     * Runs {@code body} in one channel scope (one physical-mode switch for all its reads). If the scope
     * cannot be restored after the body finished, the body's result is still returned and the failure
     * is kept in {@link #scopeWarning()}.
     */
    public <T> T session(PhysicalChannel.Scoped<T> body) throws RspException {
        if (scopeDepth > 0) {
            return body.run();
        }
        Object[] result = new Object[1];
        boolean[] finished = new boolean[1];
        long rt0 = roundTripCounter.getAsLong();
        try {
            return channel.inScope(() -> {
                scopeDepth++;
                try {
                    T r = body.run();
                    result[0] = r;
                    finished[0] = true;
                    return r;
                } finally {
                    scopeDepth--;
                }
            });
        } catch (RspException e) {
            noteIfLost(e);
            if (!finished[0]) {
                throw e;
            }
            scopeWarning = "could not restore the " + channel.name() + " channel: " + e.getMessage();
            @SuppressWarnings("unchecked")
            T r = (T) result[0];
            return r;
        } finally {
            roundTrips += roundTripCounter.getAsLong() - rt0;
        }
    }

    /** Adds the pages of short holes between wanted pages (all inside one bank), so one read covers both sides. */
    private static void fillHoles(TreeSet<Long> wanted) {
        List<Long> sorted = new ArrayList<>(wanted);
        for (int i = 1; i < sorted.size(); i++) {
            long prev = sorted.get(i - 1);
            long gap = (sorted.get(i) - prev) / PAGE - 1;
            if (gap > 0 && gap <= PREFETCH_GAP_PAGES) {
                for (long p = prev + PAGE; p != sorted.get(i); p += PAGE) {
                    wanted.add(p);
                }
            }
        }
    }

    private static long pageOf(long pa) {
        return pa & ~(long) (PAGE - 1);
    }

    /** Reads the given pages (sorted, all overlapping {@code bank}) as runs of adjacent pages. */
    private void fetchRuns(RamBank bank, List<Long> sortedPages, boolean throwOnError) throws MemoryAccessException {
        int i = 0;
        while (i < sortedPages.size()) {
            int j = i;
            while (j + 1 < sortedPages.size() && sortedPages.get(j + 1) == sortedPages.get(j) + PAGE) {
                j++;
            }
            try {
                fetchRun(bank, sortedPages.get(i), j - i + 1);
            } catch (MemoryAccessException e) {
                if (throwOnError) {
                    throw e;
                }
            }
            i = j + 1;
        }
    }

    /** Reads {@code count} pages from {@code firstPage}, clipped to {@code bank}, and caches them. */
    private void fetchRun(RamBank bank, long firstPage, int count) throws MemoryAccessException {
        long bankLast = bank.base() + bank.size() - 1;
        long runLast = firstPage + (long) count * PAGE - 1;
        long from = Long.compareUnsigned(firstPage, bank.base()) < 0 ? bank.base() : firstPage;
        long to = Long.compareUnsigned(runLast, bankLast) > 0 ? bankLast : runLast;
        int length = (int) (to - from + 1);
        if (lostReason != null) {
            refused++;
            throw new MemoryAccessException(from, "target lost: " + lostReason);
        }
        if (bytesRead + length > budget) {
            refused++;
            throw new MemoryAccessException(from, "read budget of " + budget + " bytes exhausted ("
                    + bytesRead + " read)");
        }
        byte[] data;
        long t0 = System.nanoTime();
        try {
            data = session(() -> channel.read(from, length));
        } catch (RspException e) {
            noteIfLost(e);
            wireNanos += System.nanoTime() - t0;
            throw new MemoryAccessException(from, e.getMessage(), e);
        } catch (RuntimeException e) {
            wireNanos += System.nanoTime() - t0;
            throw new MemoryAccessException(from, "reader failed: " + e, e);
        }
        wireNanos += System.nanoTime() - t0;
        wireReads++;
        if (data == null || data.length != length) {
            throw new MemoryAccessException(from, "short read: " + (data == null ? 0 : data.length) + " of " + length);
        }
        bytesRead += length;
        for (int k = 0; k < count; k++) {
            long p = firstPage + (long) k * PAGE;
            byte[] page = new byte[PAGE];
            long lo = Long.compareUnsigned(p, from) < 0 ? from : p;
            long hi = Math.min(PAGE, to - p + 1) + p;
            System.arraycopy(data, (int) (lo - from), page, (int) (lo - p), (int) (hi - lo));
            pages.put(p, new Page((int) (lo - p), (int) (hi - p), page));
        }
        listener.afterWireRead(from, length, stats());
    }

    private void noteIfLost(RspException e) {
        if (lostReason == null && (e instanceof RspDisconnectedException || e instanceof RspTimeoutException
                || (client != null && !client.isOpen()))) {
            lostReason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
