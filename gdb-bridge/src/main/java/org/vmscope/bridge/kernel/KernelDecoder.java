package org.vmscope.bridge.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.PagingSetup;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.model.check.PageArrayState;

/**
 * What every reader of one halted kernel shares: the image, the kernel-memory reader, the problem list, and the
 * bounded walks (rb-trees in order, structures by layout). Problems name the object at fault; walks stop short
 * on a cycle, a bad pointer or a cap, never loop.
 */
final class KernelDecoder {
    /** Problems kept at most; more are dropped (a badly corrupt kernel would repeat the same one). */
    static final int MAX_PROBLEMS = 10_000;
    static final int MAX_TREE_NODES = 1 << 20;

    final KernelImage image;
    final Mirror mirror;
    final KernelMemory mem;
    private final List<String> problems = new ArrayList<>();

    KernelDecoder(KernelImage image, Mirror mirror) throws KernelException {
        if (image.nommu()) {
            throw new KernelException("the kernel " + image.path() + " is a NOMMU build (map_entry_t has 'process'"
                    + " or only the page-nommu token pool exists); decoding NOMMU kernels is not supported yet");
        }
        this.image = image;
        this.mirror = mirror;
        this.mem = new KernelMemory(mirror, image.order(), image.pointerBytes());
    }

    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    boolean aligned(long address) {
        return (address & (image.pointerBytes() - 1)) == 0;
    }

    /** {@code (vm_object_t *)-1} and friends: all ones in a pointer. */
    long allOnes() {
        return image.pointerBytes() == 4 ? 0xffffffffL : -1L;
    }

    KStruct struct(TypeLayout type, long address, String what) throws KernelReadException {
        return KStruct.read(mem, type, address, what);
    }

    /** A structure that must be readable for decoding to go on at all (a global). */
    KStruct struct(TypeLayout type, long address, String what, String owner) throws KernelException {
        try {
            return struct(type, address, what);
        } catch (KernelReadException e) {
            throw new KernelException(owner + ": " + e.getMessage(), e);
        }
    }

    /** A structure read, or null with a problem naming it. */
    KStruct structOrProblem(TypeLayout type, long address, String what) {
        try {
            if (!aligned(address)) {
                throw new KernelReadException(address, "misaligned pointer");
            }
            return struct(type, address, what);
        } catch (KernelReadException e) {
            problem(what + " at 0x" + Long.toHexString(address) + ": cannot read " + e.getMessage());
            return null;
        }
    }

    /**
     * The index of an element pointer into the array {@code [base, base + count*size)}: {@link PageArrayState#NIL}
     * for NULL, {@link PageArrayState#BAD} for a pointer outside it or between elements.
     */
    static int arrayIndex(long ptr, long base, long count, long size) {
        if (ptr == 0) {
            return PageArrayState.NIL;
        }
        long off = ptr - base;
        if (Long.compareUnsigned(off, count * size) >= 0 || off % size != 0) {
            return PageArrayState.BAD;
        }
        return (int) (off / size);
    }

    /** The target's paging setup, which must be walkable for kernel addresses to translate. */
    PagingSetup paging() throws KernelException {
        PagingSetup paging;
        try {
            paging = mirror.paging();
        } catch (MirrorException e) {
            throw new KernelException("cannot learn the target's paging setup: " + e.getMessage(), e);
        }
        if (!paging.walkable()) {
            throw new KernelException("cannot translate kernel addresses: " + paging.problem());
        }
        return paging;
    }

    static long offset(TypeLayout t, String member) throws KernelException {
        return t.field(member).orElseThrow(() -> new KernelException("type " + t.name() + " has no member '"
                + member + "'")).offset();
    }

    /**
     * The nodes of an rb-tree in order, following left/right only. A node met twice (a cycle or shared
     * subtree), an unreadable or misaligned node, or more than {@code cap} nodes end the walk with a problem.
     */
    List<Long> inorder(long root, String what, int cap) throws KernelException {
        TypeLayout rb = image.type("rbnode_t");
        List<Long> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Map<Long, KStruct> nodes = new HashMap<>();
        Deque<Long> stack = new ArrayDeque<>();
        long n = root;
        while (n != 0 || !stack.isEmpty()) {
            while (n != 0) {
                if (!seen.add(n)) {
                    problem(what + ": node 0x" + Long.toHexString(n) + " reached twice (cycle); walk stopped");
                    return out;
                }
                if (seen.size() > cap) {
                    problem(what + ": more than " + cap + " nodes; walk stopped");
                    return out;
                }
                KStruct s;
                try {
                    if (!aligned(n)) {
                        throw new KernelReadException(n, "misaligned node pointer");
                    }
                    s = struct(rb, n, "rbnode_t");
                } catch (KernelReadException e) {
                    problem(what + ": node " + e.getMessage() + "; walk stopped");
                    return out;
                }
                nodes.put(n, s);
                stack.push(n);
                n = s.u("left");
            }
            n = stack.pop();
            out.add(n);
            n = nodes.get(n).u("right");
        }
        return out;
    }

    @FunctionalInterface
    interface Body<T> {
        T run() throws KernelException;
    }

    /** Runs {@code body} in one physical-access scope of the mirror's reader. */
    @SuppressWarnings("unchecked")
    <T> T inSession(Body<T> body) throws KernelException {
        Object[] result = new Object[1];
        KernelException[] failure = new KernelException[1];
        try {
            mirror.memory().session(() -> {
                try {
                    result[0] = body.run();
                } catch (KernelException e) {
                    failure[0] = e;
                }
                return null;
            });
        } catch (RspException e) {
            throw new KernelException("target: " + e.getMessage(), e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        if (mirror.memory().lost()) {
            throw new KernelException("target lost: " + mirror.memory().lostReason());
        }
        return (T) result[0];
    }
}
