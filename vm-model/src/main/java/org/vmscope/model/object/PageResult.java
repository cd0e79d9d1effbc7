package org.vmscope.model.object;

import org.vmscope.model.page.Page;

/** An errno plus the page a page-producing call returned (null with EOK is possible, e.g. PHYSMEM off RAM). */
public record PageResult(int err, Page page) {
    public static PageResult ok(Page p) {
        return new PageResult(0, p);
    }

    public static PageResult error(int err) {
        return new PageResult(err, null);
    }
}
