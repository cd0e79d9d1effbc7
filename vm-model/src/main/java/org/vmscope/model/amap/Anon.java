package org.vmscope.model.amap;

import org.vmscope.model.page.Page;

/** {@code anon_t}: one refcounted anonymous page, referenced once per amap slot pointing at it. */
public final class Anon {
    int refs;
    final Page page;

    Anon(Page page) {
        this.page = page;
        this.refs = 1;
    }

    public int refs() {
        return refs;
    }

    public Page page() {
        return page;
    }
}
