package org.vmscope.model.proc;

import java.util.LinkedHashMap;
import java.util.Map;

import org.vmscope.model.object.Pager;
import org.vmscope.model.object.VmObject;

/**
 * The object tree {@code object_common.tree} for the simulator's file objects, keyed here by file name: a
 * {@code vm_objectGet} finds the live object or creates one (size from the server), with one made-up file server
 * at port {@link #FS_PORT} whose file {@code i} has id {@code i} and deterministic contents.
 */
public final class ObjectTree {
    /** The port of the simulated file server (dummyfs is typically the second port). */
    public static final int FS_PORT = 2;

    private final long pageSize;
    private final Map<String, VmObject> live = new LinkedHashMap<>();
    private final Map<String, Long> ids = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    private final Pager pager = new Pager() {
        @Override
        public long size(int port, long id) {
            return 0;
        }

        @Override
        public int read(int port, long id, long offs, byte[] page) {
            for (int i = 0; i < page.length; i++) {
                page[i] = (byte) (id * 31 + offs / page.length + i);
            }
            return 0;
        }
    };

    public ObjectTree(long pageSize) {
        this.pageSize = pageSize;
    }

    /**
     * {@code vm_objectGet}: the object for file {@code name}, referenced once for the caller. A file seen before
     * keeps its id and size; {@code size} is used the first time.
     */
    public VmObject get(String name, long size) {
        VmObject o = live.get(name);
        if (o == null || o.refs() <= 0) {
            long id = ids.computeIfAbsent(name, n -> 3000L + ids.size() + 1);
            long sz = sizes.computeIfAbsent(name, n -> size);
            o = VmObject.file(FS_PORT, id, sz, pageSize, pager);
            live.put(name, o);
        }
        return VmObject.ref(o);
    }

    /** The live object of {@code name}, or null. */
    public VmObject find(String name) {
        VmObject o = live.get(name);
        return o == null || o.refs() <= 0 ? null : o;
    }

    /** Live objects by file name (refs &gt; 0). */
    public Map<String, VmObject> live() {
        Map<String, VmObject> out = new LinkedHashMap<>();
        live.forEach((n, o) -> {
            if (o.refs() > 0) {
                out.put(n, o);
            }
        });
        return out;
    }
}
