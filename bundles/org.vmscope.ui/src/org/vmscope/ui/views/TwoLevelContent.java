package org.vmscope.ui.views;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ITreeContentProvider;

/** Tree content of a list of parents of type {@code P}, each with its children. */
final class TwoLevelContent<P> implements ITreeContentProvider {
    private final Class<P> parentType;
    private final Function<P, List<?>> children;

    TwoLevelContent(Class<P> parentType, Function<P, List<?>> children) {
        this.parentType = parentType;
        this.children = children;
    }

    @Override
    public Object[] getElements(Object input) {
        return input instanceof List<?> l ? l.toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        return parentType.isInstance(parent) ? children.apply(parentType.cast(parent)).toArray() : new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return parentType.isInstance(element) && !children.apply(parentType.cast(element)).isEmpty();
    }
}
