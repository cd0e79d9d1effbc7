/**
 * Building pictures: {@link org.vmscope.model.state.build.StateBuilder} reads a simulated kernel into a
 * {@link org.vmscope.model.state.State}; {@link org.vmscope.model.state.build.ReadOnly} guards built and loaded
 * pictures against change.
 */
package org.vmscope.model.state.build;
