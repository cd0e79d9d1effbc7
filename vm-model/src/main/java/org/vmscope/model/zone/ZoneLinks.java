package org.vmscope.model.zone;

/** LIST_ADD / LIST_REMOVE on the circular {@code next}/{@code prev} links of zones. */
public final class ZoneLinks {

    private ZoneLinks() {
    }

    /** Appends {@code z} at the tail of the list whose head is {@code head} (null = empty list). */
    public static void add(VmZone z, VmZone head) {
        if (head == null) {
            z.next = z;
            z.prev = z;
        } else {
            z.next = head;
            z.prev = head.prev;
            head.prev.next = z;
            head.prev = z;
        }
    }

    /** Unlinks {@code z}; returns the new head (null when the list became empty). */
    public static VmZone remove(VmZone head, VmZone z) {
        VmZone h = head;
        if (z.next == z) {
            h = null;
        } else {
            z.prev.next = z.next;
            z.next.prev = z.prev;
            if (h == z) {
                h = z.next;
            }
        }
        z.next = null;
        z.prev = null;
        return h;
    }
}
