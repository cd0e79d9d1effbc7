package org.vmscope.model.proc;

import java.util.List;

import org.vmscope.model.page.Page;

/**
 * A message buffer mapped into the receiver (proc/msg.c, phoenix-vm.md §3.13): a {@code MAP_NOINHERIT}
 * kernel-object entry at {@code va} in the receiver; interior pages share the sender's frames, a partial first
 * or last page is a copied bounce page; each bounce page's source frame is reached through a kmap window
 * ({@code VM_OBJ_PHYSMEM}) held for the whole message.
 *
 * @param id          the window's number, unique per run
 * @param sender      who sent
 * @param receiver    whose map holds the window
 * @param buf         the sender's buffer address
 * @param size        the buffer length in bytes
 * @param va          the window's page-aligned start in the receiver, or the buffer itself when shared in place
 * @param pages       pages spanned ({@code 0} when the pointer was passed unchanged)
 * @param bounce      the bounce pages (nbp/nep) allocated for partial pages
 * @param kmapWindows kmap VAs of the source windows (bvaddr/evaddr)
 */
public record MessageWindow(int id, Process sender, Process receiver, long buf, long size, long va, long pages,
        List<Page> bounce, List<Long> kmapWindows) {

    /** The address the receiver sees for {@code buf}. */
    public long receiverAddress(long pageSize) {
        return pages == 0 ? buf : va + (buf & (pageSize - 1));
    }
}
