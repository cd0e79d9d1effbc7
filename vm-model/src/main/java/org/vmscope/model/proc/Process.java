package org.vmscope.model.proc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.map.EntryOwner;
import org.vmscope.model.map.EntryRing;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.pmap.NommuPmap;

/**
 * {@code process_t} as far as the VM sees it (phoenix-vm.md §6): pid, name, parent, the private map (MMU) and
 * the active map {@code mapp} (the private one, the parent's during vfork, the shared kernel map on NOMMU).
 * On NOMMU the process owns the entries it mapped in the shared maps through its {@code process->entries} ring.
 */
public final class Process implements EntryOwner {

    /** Life cycle as the simulator tracks it. */
    public enum State {
        /** Running with its own address space (or the shared one on NOMMU). */
        RUNNING,
        /** A vfork child borrowing its parent's map until exec or exit. */
        VFORKED,
        /** A vfork parent waiting for its child to exec or exit. */
        WAITING,
        /** Gone: its map is destroyed and its pid is free. */
        EXITED
    }

    private final int pid;
    private final Process parent;
    private String name;
    private ProgramImage image;
    VmMap map;
    VmMap mapp;
    NommuPmap pmapp;
    State state = State.RUNNING;
    long kstruct;
    long kthread;
    long kstack;
    String exitReason = "";
    private final EntryRing entries = new EntryRing();
    final List<MessageWindow> windows = new ArrayList<>();

    Process(int pid, String name, Process parent, ProgramImage image) {
        this.pid = pid;
        this.name = name;
        this.parent = parent;
        this.image = image;
    }

    public int pid() {
        return pid;
    }

    public String name() {
        return name;
    }

    void rename(String n, ProgramImage img) {
        this.name = n;
        this.image = img;
    }

    public Process parent() {
        return parent;
    }

    public ProgramImage image() {
        return image;
    }

    /** The private map {@code process->map} (MMU), or null (NOMMU, vfork child, exited). */
    public VmMap map() {
        return map;
    }

    /**
     * NOMMU {@code process->pmapp}: the pmap holding the MPU region mask {@code pmap_switch} enables while the
     * process runs (a vfork child shares its parent's); null on MMU targets and once exited.
     */
    public NommuPmap pmapp() {
        return pmapp;
    }

    /** The active map {@code process->mapp}, or null once exited. */
    public VmMap mapp() {
        return mapp;
    }

    public State state() {
        return state;
    }

    public boolean alive() {
        return state != State.EXITED;
    }

    /** Why the process ended ({@code exit}, {@code SIGSEGV at 0x...}), empty while alive. */
    public String exitReason() {
        return exitReason;
    }

    /** NOMMU {@code process->entries}: the entries this process owns in the shared maps (empty on MMU). */
    @Override
    public EntryRing entries() {
        return entries;
    }

    /** NOMMU: the {@code [start, end)} ranges of the entries on its ring, in ring order. */
    public List<long[]> ownedRanges() {
        List<long[]> out = new ArrayList<>();
        for (MapEntry e : entries.entries()) {
            out.add(new long[] {e.vaddr(), e.end()});
        }
        return Collections.unmodifiableList(out);
    }

    /** Message windows currently mapped into this process (it is the receiver). */
    public List<MessageWindow> windows() {
        return Collections.unmodifiableList(windows);
    }

    @Override
    public String toString() {
        return name + "(" + pid + ")";
    }
}
