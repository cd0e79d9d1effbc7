/**
 * Hand-written value types of the state model: {@link org.vmscope.model.state.data.PageRunTable}, the compact
 * page array behind the model's {@code PageRunTable} data type, and formatting helpers.
 */
package org.vmscope.model.state.data;
