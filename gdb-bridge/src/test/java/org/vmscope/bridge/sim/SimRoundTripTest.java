package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.mirror.MirrorWalk;
import org.vmscope.bridge.mirror.RootWalk;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspClientOptions;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.pmap.Aarch64Format;
import org.vmscope.model.pmap.Aarch64Pmap;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.Armv7aShortFormat;
import org.vmscope.model.pmap.Ia32Format;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.SrmmuFormat;
import org.vmscope.model.pmap.TablePmap;

/**
 * Serve a kernel with real tables, then walk them from the outside: first by hand (paging registers over RSP,
 * tables through {@link RspClient#readPhysicalMemory}), then with the real {@link Mirror}. The merged ranges
 * must equal a walk done directly on the simulated RAM from the pmaps' own roots.
 */
@Timeout(120)
class SimRoundTripTest {

    /** Physical reads over RSP; RAM is what the test knows of the machine, as the mirror gets it from the user. */
    record RspPhysReader(RspClient client, List<RamBank> banks) implements PhysReader {
        @Override
        public byte[] read(long pa, int length) throws MemoryAccessException {
            if (!isRam(pa, length)) {
                throw new MemoryAccessException(pa, "outside RAM");
            }
            try {
                return client.readPhysicalMemory(pa, length);
            } catch (RspException e) {
                throw new MemoryAccessException(pa, e.getMessage(), e);
            }
        }

        @Override
        public boolean isRam(long pa, long length) {
            return banks.stream().anyMatch(b -> b.contains(pa, length));
        }
    }

    /** The roots as the hardware takes them from the registers read over RSP (the mirror's view). */
    static List<PagingRoot> rootsFromRegisters(Arch arch, RspClient c) throws RspException {
        return switch (arch) {
            case IA32 -> List.of(Ia32Format.standard().rootFromCr3(c.readRegister("cr3").toLong()));
            case RISCV64 -> List.of(RiscvFormat.decodeSatp(c.readRegister("satp").toLong()).root());
            case AARCH64 -> List.of(
                    Aarch64Format.phoenixUser().rootFromTtbr(c.readRegister("TTBR0_EL1").toLong()),
                    Aarch64Format.phoenixKernelTtbr1().rootFromTtbr(c.readRegister("TTBR1_EL1").toLong()));
            case ARMV7A -> List.of(
                    Armv7aShortFormat.ttbr0(1).rootFromTtbr(c.readRegister("TTBR0_EL1").toLong()),
                    Armv7aShortFormat.ttbr1(1).rootFromTtbr(c.readRegister("TTBR1_EL1").toLong()));
            case SPARCV8LEON -> List.of(SrmmuFormat.contextRoot(
                    SrmmuFormat.contextTableFromCtpr(c.readRegister("ctpr").toLong()),
                    (int) c.readRegister("ctxr").toLong()));
            default -> throw new IllegalArgumentException();
        };
    }

    /** The roots straight from the pmaps (their own walkRoots), independent of the served registers. */
    static List<PagingRoot> pmapRoots(SimKernel k, VmMap user) {
        List<PagingRoot> roots = new ArrayList<>();
        TablePmap kp = (TablePmap) k.kmap().pmap();
        if (user != null) {
            roots.addAll(((TablePmap) user.pmap()).walkRoots());
        }
        switch (k.arch()) {
            case AARCH64 -> roots.add(((Aarch64Pmap) kp).hardwareKernelRoot());
            case ARMV7A -> roots.addAll(kp.walkRoots());
            case SPARCV8LEON -> roots.addAll(kp.walkRoots());
            default -> {
                // ia32 and riscv64: the user's top table holds the kernel half too
            }
        }
        return roots;
    }

    @ParameterizedTest
    @EnumSource(value = Arch.class, names = {"IA32", "RISCV64", "AARCH64", "ARMV7A", "SPARCV8LEON"})
    void tablesWalkedOverRspEqualTheSimulatedOnes(Arch arch) throws Exception {
        roundTrip(SimFixture.boot(arch));
    }

    /** The kernel's own default boot, when it builds hardware tables (else there is nothing to serve). */
    @ParameterizedTest
    @EnumSource(value = Arch.class, names = {"IA32", "RISCV64", "AARCH64", "ARMV7A", "SPARCV8LEON"})
    void defaultBootKernelsRoundTripToo(Arch arch) throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(arch, 32L << 20));
        assumeTrue(k.kmap().pmap() instanceof TablePmap, "default boot gives a software pmap");
        roundTrip(k);
    }

    static void roundTrip(SimKernel k) throws Exception {
        Arch arch = k.arch();
        SimFixture.Marker km = SimFixture.kernelMarker(k, 4, 0x11110000);
        VmMap user = arch == Arch.SPARCV8LEON ? null : SimFixture.userMap(k);
        SimFixture.Marker um = user == null ? null : SimFixture.userMarker(k, user, 3, 0x22220000);
        SimulatedTarget t = new SimulatedTarget(k, null, user == null ? null : user::pmap);
        boolean le = arch.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        RspClientOptions d = RspClientOptions.defaults();
        RspClientOptions opts = new RspClientOptions(d.connectTimeoutMillis(), d.replyTimeoutMillis(),
                d.pipelineDepth(), d.maxReadChunk(), d.requestNoAck(), d.binaryReads(), d.loadTargetDescription(), le,
                d.limits(), d.console());
        try (SimGdbServer s = SimGdbServer.start(t, "127.0.0.1:0", null);
                RspClient c = RspClient.connect("127.0.0.1", s.port(), opts)) {
            List<PagingRoot> remoteRoots = rootsFromRegisters(arch, c);
            List<PagingRoot> localRoots = pmapRoots(k, user);
            // formats have no equals: compare name and table address
            assertEquals(localRoots.toString(), remoteRoots.toString(), "registers select the pmaps' own roots");

            PageTableWalker overRsp = new PageTableWalker(new RspPhysReader(c, k.phys().banks()));
            PageTableWalker direct = new PageTableWalker(k.phys());
            List<MappedRange> all = new ArrayList<>();
            for (int i = 0; i < localRoots.size(); i++) {
                AddressSpaceWalk remote = overRsp.walk(remoteRoots.get(i));
                AddressSpaceWalk local = direct.walk(localRoots.get(i));
                assertEquals(local.ranges(), remote.ranges(), arch.id() + " root " + i);
                assertEquals(local.problems(), remote.problems(), arch.id() + " root " + i);
                all.addAll(remote.ranges());
            }
            assertTrue(overRsp.tablesRead() > 0);
            assertMapped(all, km);
            if (um != null) {
                assertMapped(all, um);
            }
            assertFalse(c.physicalModeLeftOn());
        }
        mirrorWalkEqualsDirect(k, t, pmapRoots(k, user));
    }

    /**
     * The real mirror against the served kernel: RAM from {@code info mtree -f}, roots from the registers it
     * knows by QEMU's names, tables through its reader; each root's ranges equal the direct walk's.
     */
    static void mirrorWalkEqualsDirect(SimKernel k, SimulatedTarget t, List<PagingRoot> localRoots) throws Exception {
        PageTableWalker direct = new PageTableWalker(k.phys());
        try (SimGdbServer s = SimGdbServer.start(t, "127.0.0.1:0", null);
                Mirror mirror = Mirror.connect("127.0.0.1", s.port(), MirrorOptions.defaults())) {
            assertEquals(k.phys().banks(), mirror.ram().banks());
            MirrorWalk w = mirror.walk();
            assertTrue(w.problems().isEmpty(), w.problems().toString());
            assertEquals(localRoots.size(), w.walks().size(), w.walks().toString());
            for (RootWalk rw : w.walks()) {
                PagingRoot local = localRoots.stream().filter(r -> r.toString().equals(rw.root().root().toString()))
                        .findFirst().orElseThrow(() -> new AssertionError("mirror root " + rw.root()));
                assertEquals(direct.walk(local).ranges(), rw.walk().ranges(), rw.root().toString());
            }
        }
    }

    /** The marker's pages are in one range, at the PA the test chose. */
    static void assertMapped(List<MappedRange> ranges, SimFixture.Marker m) {
        for (MappedRange r : ranges) {
            if (r.containsVa(m.va())) {
                assertTrue(r.containsVa(m.va() + m.bytes() - 1), r.toString());
                assertEquals(m.pa(), r.pa() + (m.va() - r.va()), r.toString());
                return;
            }
        }
        throw new AssertionError(String.format("0x%x not mapped in %s", m.va(), ranges));
    }
}
