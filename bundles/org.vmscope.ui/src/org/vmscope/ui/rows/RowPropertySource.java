package org.vmscope.ui.rows;

import java.util.List;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/** A row's fields as read-only properties; ids are the fields' positions. */
final class RowPropertySource implements IPropertySource {
    private final List<Row.Property> properties;

    RowPropertySource(Row row) {
        this.properties = List.copyOf(row.properties());
    }

    @Override
    public Object getEditableValue() {
        return null;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        IPropertyDescriptor[] out = new IPropertyDescriptor[properties.size()];
        for (int i = 0; i < out.length; i++) {
            Row.Property p = properties.get(i);
            PropertyDescriptor d = new PropertyDescriptor(i, p.name());
            d.setCategory(p.category());
            out[i] = d;
        }
        return out;
    }

    @Override
    public Object getPropertyValue(Object id) {
        return id instanceof Integer i && i >= 0 && i < properties.size() ? properties.get(i).value() : null;
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // read-only: the target's state is shown, never edited
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // read-only: the target's state is shown, never edited
    }
}
