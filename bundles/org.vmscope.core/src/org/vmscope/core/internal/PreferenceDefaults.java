package org.vmscope.core.internal;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.vmscope.core.VmscopePreferences;

/** Fills the default scope of vmscope's preference node the first time it is read. */
public class PreferenceDefaults extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        VmscopePreferences.initDefaults();
    }
}
