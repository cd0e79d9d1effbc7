/**
 * Comparing two pictures ({@link org.vmscope.model.state.diff.StateDiff}): pages by owner, address spaces,
 * map entries, objects, kmalloc classes and the entry pool, with a text report.
 */
package org.vmscope.model.state.diff;
