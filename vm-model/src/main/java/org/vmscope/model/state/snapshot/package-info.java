/**
 * Versioned snapshot files of {@link org.vmscope.model.state.State}s: gzip-compressed XMI with a format version,
 * read with bounds and clear errors ({@link org.vmscope.model.state.snapshot.Snapshots}).
 */
package org.vmscope.model.state.snapshot;
