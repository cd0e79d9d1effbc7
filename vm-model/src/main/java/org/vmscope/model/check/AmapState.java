package org.vmscope.model.check;

/**
 * One decoded {@code amap_t} (§2.5): its references and slots. A slot holds the anon's handle, 0 for NULL.
 * Fields are package-private so tests can corrupt one value.
 */
public final class AmapState {
    final long id;
    final String label;
    int refs;
    final long[] slots;

    /** @param label how problems name it, e.g. {@code amap 0xc0a1b2c0} */
    public AmapState(long id, String label, int refs, long[] slots) {
        this.id = id;
        this.label = label;
        this.refs = refs;
        this.slots = slots;
    }

    public long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public int refs() {
        return refs;
    }

    public int size() {
        return slots.length;
    }

    public long slot(int i) {
        return slots[i];
    }
}
