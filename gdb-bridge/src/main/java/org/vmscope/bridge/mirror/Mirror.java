package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.StopReply;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageTableFormat;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.ReverseMap;
import org.vmscope.model.pmap.Translation;
import org.vmscope.model.pmap.WalkProblem;

/**
 * The page-table mirror of one halted live target: connects (or takes a connection), makes sure the
 * target is halted, learns RAM and the paging roots, and walks the tables with {@link PageTableWalker}
 * through a {@link GdbPhysReader}. Results are cached for the current stop; call {@link #invalidate()}
 * after the target ran. Walks never throw: a target lost mid-walk gives a result marked partial.
 */
public final class Mirror implements AutoCloseable {
    private static final long HALT_TIMEOUT_MILLIS = 5000;

    private final RspClient client;
    private final boolean ownsClient;
    private final MirrorOptions options;
    private final GdbPhysReader reader;
    private PageTableWalker walker;
    private PagingSetup setup;
    private MirrorWalk lastWalk;

    private Mirror(RspClient client, boolean ownsClient, MirrorOptions options, GdbPhysReader reader) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options;
        this.reader = reader;
        this.walker = new PageTableWalker(reader);
    }

    /** Connects to {@code host:port} and prepares the mirror; the connection is closed with the mirror. */
    public static Mirror connect(String host, int port, MirrorOptions options) throws MirrorException {
        RspClient c;
        try {
            c = RspClient.connect(host, port, options.client());
        } catch (RspException e) {
            throw new MirrorException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        try {
            return open(c, true, options);
        } catch (MirrorException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A mirror over a connection the caller keeps (and closes). */
    public static Mirror over(RspClient client, MirrorOptions options) throws MirrorException {
        return open(client, false, options);
    }

    private static Mirror open(RspClient c, boolean owns, MirrorOptions o) throws MirrorException {
        try {
            ensureHalted(c, o);
            RamLayout ram = o.ram() != null ? o.ram() : ramFromMonitor(c);
            PhysicalChannel channel = channel(c, o.channel());
            return new Mirror(c, owns, o, new GdbPhysReader(channel, ram, o.budgetBytes(), c));
        } catch (RspException e) {
            throw new MirrorException("target: " + e.getMessage(), e);
        }
    }

    private static void ensureHalted(RspClient c, MirrorOptions o) throws RspException, MirrorException {
        if (c.isRunning()) {
            if (o.requireHalted()) {
                throw new MirrorException("the target is running (halting it was not allowed)");
            }
            c.interrupt(HALT_TIMEOUT_MILLIS);
        }
        StopReply stop = c.lastStop();
        if (stop == null) {
            stop = c.queryStopReason();
        }
        if (!stop.halted()) {
            throw new MirrorException("the target is not halted (stop reply '" + stop.raw() + "')");
        }
    }

    private static RamLayout ramFromMonitor(RspClient c) throws MirrorException {
        String text;
        try {
            text = c.monitor("info mtree -f");
        } catch (RspException e) {
            throw new MirrorException("cannot learn the RAM layout (monitor 'info mtree -f': " + e.getMessage()
                    + "); give it with --ram BASE:SIZE[,...]", e);
        }
        try {
            return RamLayout.fromMtree(text);
        } catch (IllegalArgumentException e) {
            throw new MirrorException("cannot learn the RAM layout from 'info mtree -f' (" + e.getMessage()
                    + "); give it with --ram BASE:SIZE[,...]", e);
        }
    }

    private static PhysicalChannel channel(RspClient c, MirrorOptions.Channel want) throws RspException, MirrorException {
        return switch (want) {
            case PHYMEM -> {
                if (!c.supportsPhysicalMemoryMode()) {
                    throw new MirrorException("the target has no physical memory mode (qqemu.PhyMemMode)");
                }
                yield new PhyMemModeChannel(c);
            }
            case XP -> new MonitorXpChannel(c);
            case AUTO -> c.supportsPhysicalMemoryMode() ? new PhyMemModeChannel(c) : new MonitorXpChannel(c);
        };
    }

    public RspClient client() {
        return client;
    }

    /** The one reader of target memory this mirror uses; its stats are the mirror's cost. */
    public GdbPhysReader memory() {
        return reader;
    }

    public RamLayout ram() {
        return reader.ram();
    }

    /** The architecture and roots, read from the registers once per stop. */
    public PagingSetup paging() throws MirrorException {
        if (setup == null) {
            try {
                setup = PagingRootDetector.detect(registers(), options.arch(), options.rootPa());
            } catch (RspException e) {
                throw new MirrorException("reading the paging registers failed: " + e.getMessage(), e);
            }
        }
        return setup;
    }

    private RegisterSource registers() {
        try {
            return new RspRegisters(client);
        } catch (RspException e) {
            // no target description: only --arch and --root can tell anything
            return new RegisterSource() {
                @Override
                public Optional<String> architecture() {
                    return Optional.empty();
                }

                @Override
                public OptionalLong read(String name, int bitsize) {
                    return OptionalLong.empty();
                }
            };
        }
    }

    /**
     * Reads the tables below {@code roots} into the stop cache, level by level and all roots of one format in one
     * batch per level, so that walks of them afterwards cost no round trips. Unreadable tables are left
     * for the walks to report.
     */
    public void prefetchTables(Collection<PagingRoot> roots) throws MirrorException {
        try {
            Map<PageTableFormat, List<PagingRoot>> byFormat = new LinkedHashMap<>();
            for (PagingRoot r : roots) {
                byFormat.computeIfAbsent(r.format(), f -> new ArrayList<>()).add(r);
            }
            reader.session(() -> {
                for (List<PagingRoot> sameFormat : byFormat.values()) {
                    TablePrefetcher.prefetch(reader, sameFormat);
                }
                return null;
            });
        } catch (RspException e) {
            throw new MirrorException("physical reads failed: " + e.getMessage(), e);
        }
    }

    /** Walks every root (once per stop; later calls return the same result). */
    public MirrorWalk walk() throws MirrorException {
        if (lastWalk != null) {
            return lastWalk;
        }
        PagingSetup s = paging();
        ReadStats before = reader.stats();
        List<String> problems = new ArrayList<>();
        List<RootWalk> walks = new ArrayList<>();
        if (!s.walkable()) {
            problems.add(s.problem());
        } else {
            try {
                reader.session(() -> {
                    for (NamedRoot r : s.roots()) {
                        TablePrefetcher.prefetch(reader, r.root());
                        walks.add(new RootWalk(r, walker.walk(r.root())));
                    }
                    return null;
                });
            } catch (RspException e) {
                problems.add("physical reads failed: " + e.getMessage());
            }
            for (RootWalk w : walks) {
                for (WalkProblem p : w.walk().problems()) {
                    problems.add(w.root().register() + ": " + p);
                }
            }
        }
        // partial: the target went away, the entry cap hit, or some table could not be read (budget, errors)
        boolean incomplete = walks.stream().anyMatch(w -> w.walk().truncated() || w.walk().problems().stream()
                .anyMatch(p -> p.kind() == WalkProblem.Kind.READ_FAILED));
        boolean partial = addConnectionProblems(problems) || incomplete
                || (s.walkable() && walks.size() < s.roots().size());
        MirrorWalk result = new MirrorWalk(s, walks, problems, partial, reader.stats().since(before));
        if (!partial) {
            lastWalk = result;
        }
        return result;
    }

    /** Adds a lost connection and a mode that could not be restored; true if the target was lost. */
    private boolean addConnectionProblems(List<String> problems) {
        if (reader.scopeWarning() != null) {
            problems.add(reader.scopeWarning());
        }
        if (reader.lost()) {
            problems.add("target lost mid-walk: " + reader.lostReason() + "; the result is partial");
            return true;
        }
        return false;
    }

    /** Walks one VA through the root that translates it, recording every level. */
    public VaTranslation translate(long va) throws MirrorException {
        PagingSetup s = paging();
        List<String> problems = new ArrayList<>();
        if (!s.walkable()) {
            problems.add(s.problem());
            return new VaTranslation(va, null, null, problems, false);
        }
        NamedRoot root = s.roots().get(0);
        for (NamedRoot r : s.roots()) {
            if (r.root().format().geometry().translates(va)) {
                root = r;
                break;
            }
        }
        NamedRoot chosen = root;
        Translation[] t = new Translation[1];
        try {
            reader.session(() -> {
                t[0] = walker.translate(chosen.root(), va);
                return null;
            });
        } catch (RspException e) {
            problems.add("physical reads failed: " + e.getMessage());
        }
        if (t[0] != null) {
            for (WalkProblem p : t[0].problems()) {
                problems.add(p.toString());
            }
        }
        boolean lost = addConnectionProblems(problems);
        return new VaTranslation(va, chosen, t[0], problems, lost || t[0] == null);
    }

    /** Every VA, in any root, that maps physical address {@code pa}. */
    public ReverseLookup reverse(long pa) throws MirrorException {
        MirrorWalk w = walk();
        List<ReverseHit> hits = new ArrayList<>();
        for (RootWalk rw : w.walks()) {
            ReverseMap map = new ReverseMap(List.of(rw.walk()));
            for (MappedRange r : map.rangesMapping(pa)) {
                hits.add(new ReverseHit(r.va() + (pa - r.pa()), rw.root(), r));
            }
        }
        hits.sort((a, b) -> Long.compareUnsigned(a.va(), b.va()));
        return new ReverseLookup(pa, hits, w);
    }

    /** Forgets everything read: call after the target ran. Registers are read again on next use. */
    public void invalidate() {
        reader.invalidate();
        walker = new PageTableWalker(reader);
        setup = null;
        lastWalk = null;
    }

    /** Closes an owned connection: detaching (the target runs on) if asked to, else leaving it halted. */
    @Override
    public void close() {
        if (!ownsClient) {
            return;
        }
        if (options.resumeOnClose() && client.isOpen()) {
            try {
                client.detach();
                return;
            } catch (RspException e) {
                // closing below is all that is left
            }
        }
        client.close();
    }
}
