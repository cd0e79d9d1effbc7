/**
 * A bounded, validating ELF reader: headers, sections (with SHF_COMPRESSED debug sections inflated),
 * PT_LOAD segments and symbol tables. Every offset read from the file is checked against the file
 * size, so malformed input ends as an {@link org.vmscope.bridge.elf.ElfFormatException}.
 */
package org.vmscope.bridge.elf;
