package org.vmscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.Pager;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.state.build.ReadOnly;
import org.vmscope.model.state.build.StateBuilder;
import org.vmscope.model.state.snapshot.SnapshotException;
import org.vmscope.model.state.snapshot.Snapshots;

class SnapshotsTest {
    private static final int RWU = Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER;

    @TempDir
    Path dir;

    /** A kernel with a user map holding an anonymous entry, a file mapping and a kmalloc'ed block. */
    private static State busy(Arch arch, long ram) throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(arch, ram));
        VmMap user = k.createUserMap();
        assertTrue(user.mmap(0, null, 0x4000, RWU, null, -1, 0) != 0);
        Pager zeros = new Pager() {
            @Override
            public long size(int port, long id) {
                return 0x3000;
            }

            @Override
            public int read(int port, long id, long offs, byte[] page) {
                return 0;
            }
        };
        VmObject file = VmObject.file(2, 5, 0x3000, arch.pageSize(), zeros);
        assertTrue(user.mmap(0, null, 0x3000, Mman.PROT_READ | Mman.PROT_USER, file, 0, 0) != 0);
        assertTrue(k.kmalloc().kmalloc(200) != 0);
        return StateBuilder.of(k).addressSpace(3, "psh", user).stopCounter(42).timestamp(1_700_000_000_000L).build();
    }

    private void roundTrip(Arch arch) throws Exception {
        State s = busy(arch, 64 << 20);
        Path f = dir.resolve(arch.id() + ".vmsnap");
        Snapshots.save(s, f);
        State back = Snapshots.load(f);
        assertNotSame(s, back);
        assertTrue(EcoreUtil.equals(s, back), "loaded snapshot equals the picture saved");
        assertTrue(ReadOnly.isFrozen(back));
        assertTrue(ReadOnly.isFrozen(s), "saving leaves the picture as it was");
        // spot checks that the equality covers what matters
        assertEquals(s.getPhysicalMemory().getRuns(), back.getPhysicalMemory().getRuns());
        MapEntry fileEntry = back.getAddressSpaces().get(1).getEntries().stream()
                .filter(e -> e.getObject() != null).findFirst().orElseThrow();
        assertEquals("file 2.5", fileEntry.getObject().getName());
        assertTrue(back.getObjects().contains(fileEntry.getObject()), "references resolve inside the snapshot");
        assertEquals(1, back.getAmaps().size());
        assertEquals(42, back.getTarget().getStopCounter());
    }

    @Test
    void roundTripIa32() throws Exception {
        roundTrip(Arch.IA32);
    }

    @Test
    void roundTripRiscv64() throws Exception {
        roundTrip(Arch.RISCV64);
    }

    @Test
    void roundTripNommu() throws Exception {
        State s = StateBuilder.build(SimKernel.boot(Machine.standard(Arch.ARMV7M, 256 << 10)));
        Path f = dir.resolve("m.vmsnap");
        Snapshots.save(s, f);
        assertTrue(EcoreUtil.equals(s, Snapshots.load(f)));
    }

    private static long eObjects(State s) {
        long n = 1;
        for (var it = s.eAllContents(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    @Test
    void aFourGibTargetCostsNoMoreObjectsThanASmallOne() throws Exception {
        State small = StateBuilder.build(SimKernel.boot(Machine.standard(Arch.RISCV64, 64 << 20)));
        State big = StateBuilder.build(SimKernel.boot(Machine.standard(Arch.RISCV64, 4L << 30)));
        assertEquals((4L << 30) / 4096 - 512, big.getPhysicalMemory().getPageCount(),
                "a million pages (RAM less the 2 MiB SBI hole)");
        assertEquals(eObjects(small), eObjects(big), "the object count does not depend on the page count");
        assertTrue(eObjects(big) < 100, "a booted kernel is a few dozen objects: " + eObjects(big));
        assertTrue(big.getPhysicalMemory().getRuns().size() < 256, "runs: " + big.getPhysicalMemory().getRuns().size());
        Path f = dir.resolve("big.vmsnap");
        Snapshots.save(big, f);
        assertTrue(Files.size(f) < 16 * 1024, "snapshot bytes: " + Files.size(f));
        assertTrue(EcoreUtil.equals(big, Snapshots.load(f)));
    }

    // ------------------------------------------------------------------ bad files

    private Path snapshot() throws Exception {
        Path f = dir.resolve("good.vmsnap");
        Snapshots.save(StateBuilder.build(SimKernel.boot(Machine.standard(Arch.IA32, 8 << 20))), f);
        return f;
    }

    private static String xml(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path gz(String name, String content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Path f = dir.resolve(name);
        Files.write(f, b.toByteArray());
        return f;
    }

    private static SnapshotException refused(Path f, SnapshotException.Reason reason) {
        SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshots.load(f));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void aTruncatedFileIsRefusedAsTruncated() throws Exception {
        Path good = snapshot();
        byte[] all = Files.readAllBytes(good);
        for (int cut : new int[] {all.length / 2, all.length - 4, 12}) {
            Path f = dir.resolve("cut" + cut);
            Files.write(f, Arrays.copyOf(all, cut));
            SnapshotException e = refused(f, SnapshotException.Reason.TRUNCATED);
            assertEquals(f + " is truncated: the compressed data ends early", e.getMessage());
        }
    }

    @Test
    void aDamagedChecksumIsCorrupt() throws Exception {
        byte[] all = Files.readAllBytes(snapshot());
        all[all.length - 6] ^= 0x55; // CRC-32 of the gzip trailer
        Path f = dir.resolve("crc");
        Files.write(f, all);
        SnapshotException e = refused(f, SnapshotException.Reason.CORRUPT);
        assertTrue(e.getMessage().startsWith(f + " is corrupt: bad compressed data"), e.getMessage());
    }

    @Test
    void aNewerFormatIsRefusedAsNewer() throws Exception {
        String x = xml(snapshot());
        assertTrue(x.contains("formatVersion=\"1\""));
        Path f = gz("newer", x.replace("formatVersion=\"1\"", "formatVersion=\"2\"")
                .replace("http://www.vmscope.org/model/state/1", "http://www.vmscope.org/model/state/2")
                .replace("<target ", "<somethingNew a=\"1\"/><target "));
        SnapshotException e = refused(f, SnapshotException.Reason.NEWER_VERSION);
        assertEquals(f + " has snapshot format version 2; this vmscope reads versions up to 1: use a newer vmscope",
                e.getMessage());
    }

    @Test
    void filesThatAreNoSnapshotsAreSaidToBeNone() throws Exception {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertEquals(empty + " is not a vmscope snapshot: it is empty",
                refused(empty, SnapshotException.Reason.NOT_A_SNAPSHOT).getMessage());
        Path text = Files.writeString(dir.resolve("text"), "hello");
        assertEquals(text + " is not a vmscope snapshot: it is not gzip-compressed",
                refused(text, SnapshotException.Reason.NOT_A_SNAPSHOT).getMessage());
        Path notXml = gz("notxml", "just words");
        assertEquals(notXml + " is not a vmscope snapshot: its content is not XML",
                refused(notXml, SnapshotException.Reason.NOT_A_SNAPSHOT).getMessage());
        Path other = gz("other", "<?xml version=\"1.0\"?><project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>");
        assertEquals(other + " is not a vmscope snapshot: its root element is {http://maven.apache.org/POM/4.0.0}"
                + "project, not a vmscope State", refused(other, SnapshotException.Reason.NOT_A_SNAPSHOT).getMessage());
        Path missing = dir.resolve("missing");
        assertTrue(refused(missing, SnapshotException.Reason.IO).getMessage().startsWith(missing + ": cannot read: "));
    }

    @Test
    void damagedContentIsCorrupt() throws Exception {
        String x = xml(snapshot());
        // a page run table that does not parse
        Path runs = gz("runs", x.replaceFirst("runs=\"p12 [^\"]*\"", "runs=\"p12 zz:1:1\""));
        assertTrue(refused(runs, SnapshotException.Reason.CORRUPT).getMessage().startsWith(runs + " is corrupt: "));
        // runs out of order
        Path order = gz("order", x.replaceFirst("runs=\"p12 [^\"]*\"", "runs=\"p12 2000:1:2 1000:1:2\""));
        refused(order, SnapshotException.Reason.CORRUPT);
        // an unknown element
        Path unknown = gz("unknown", x.replace("<target ", "<bogus/><target "));
        refused(unknown, SnapshotException.Reason.CORRUPT);
        // a reference to an object that is not there
        Path dangling = gz("dangling", x.replaceFirst("object=\"[^\"]*\"", "object=\"//@objects.99\""));
        refused(dangling, SnapshotException.Reason.CORRUPT);
        // no version
        Path noVersion = gz("noversion", x.replace(" formatVersion=\"1\"", ""));
        assertEquals(noVersion + " is corrupt: the root element has no valid formatVersion",
                refused(noVersion, SnapshotException.Reason.CORRUPT).getMessage());
        // a required part missing
        Path noTarget = gz("notarget", x.replaceFirst("(?s)<target .*?</target>", ""));
        refused(noTarget, SnapshotException.Reason.CORRUPT);
        // a DOCTYPE (entity tricks) is refused, not expanded
        Path doctype = gz("doctype", x.replaceFirst("\\?>", "?><!DOCTYPE x [<!ENTITY e \"boom\">]>"));
        SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshots.load(doctype));
        assertTrue(e.reason() == SnapshotException.Reason.CORRUPT
                || e.reason() == SnapshotException.Reason.NOT_A_SNAPSHOT, e.getMessage());
    }

    @Test
    void everyPrefixOfASnapshotIsRefusedWithAReason() throws Exception {
        byte[] all = Files.readAllBytes(snapshot());
        for (int cut = 0; cut < all.length; cut += Math.max(1, all.length / 97)) {
            Path f = dir.resolve("p" + cut);
            Files.write(f, Arrays.copyOf(all, cut));
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshots.load(f));
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        }
    }

    @Test
    void everyStateObjectTypeSurvivesTheTrip() throws Exception {
        State s = busy(Arch.IA32, 16 << 20);
        Path f = dir.resolve("types.vmsnap");
        Snapshots.save(s, f);
        State back = Snapshots.load(f);
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (var it = back.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            types.add(o.eClass().getName());
        }
        assertEquals(java.util.Set.of("AddressSpace", "Amap", "EntryPool", "Kmalloc", "KmallocClass", "MapEntry",
                "MemoryObject", "PhysicalMemory", "RamBank", "Target", "Zone"), types);
    }
}
