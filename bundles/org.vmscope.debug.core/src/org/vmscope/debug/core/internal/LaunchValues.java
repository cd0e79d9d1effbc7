package org.vmscope.debug.core.internal;

import java.io.File;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;

/** Reads launch attributes: string variables resolved, workspace paths turned into files, errors named. */
final class LaunchValues {
    private final ILaunchConfiguration config;

    LaunchValues(ILaunchConfiguration config) {
        this.config = config;
    }

    /** The attribute with string variables resolved, trimmed; {@code dflt} when unset. */
    String string(String key, String dflt) throws CoreException {
        String raw = config.getAttribute(key, dflt);
        return raw == null ? "" : VariablesPlugin.getDefault().getStringVariableManager()
                .performStringSubstitution(raw, true).trim();
    }

    int integer(String key, int dflt) throws CoreException {
        return config.getAttribute(key, dflt);
    }

    boolean bool(String key, boolean dflt) throws CoreException {
        return config.getAttribute(key, dflt);
    }

    /**
     * A file named by a file-system path, or by a workspace path ({@code /project/file}) as the tabs' Browse
     * Workspace buttons write them; empty stays empty.
     */
    String file(String key, String what) throws CoreException {
        String v = string(key, "");
        if (v.isEmpty() || new File(v).isFile()) {
            return v;
        }
        IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromOSString(v));
        if (r != null && r.getLocation() != null && r.getLocation().toFile().isFile()) {
            return r.getLocation().toOSString();
        }
        throw error("no " + what + " file " + v);
    }

    static CoreException error(String message) {
        return new CoreException(Status.error("vmscope: " + message));
    }

    static CoreException error(String message, Throwable cause) {
        return new CoreException(Status.error("vmscope: " + message, cause));
    }
}
