package org.vmscope.ui.rows;

import java.util.List;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.Platform;

/**
 * What a vmscope view publishes as its selection: one row of the view with the context its fields need
 * (page size, pointer width, the address space it belongs to). The platform adapts it to a property source
 * for the Properties view, and Show In targets read its spans.
 */
public interface Row extends IAdaptable {

    /** The element the view's viewer shows for this row. */
    Object element();

    /** The tree parent of {@link #element()} (e.g. an entry's address space), or null for a top-level row. */
    default Object parentElement() {
        return null;
    }

    /** The row's fields, in the order the Properties view lists them within a category. */
    List<Property> properties();

    @Override
    default <T> T getAdapter(Class<T> adapter) {
        return Platform.getAdapterManager().getAdapter(this, adapter);
    }

    /** One field: {@code category} groups fields in the Properties view. */
    record Property(String category, String name, String value) {
    }
}
