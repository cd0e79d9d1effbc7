package org.vmscope.bridge.rsp;

/**
 * One register of a target description.
 *
 * @param name    as in the XML (case kept; ARM names are upper case, x86 and RISC-V lower case)
 * @param bitsize width in bits
 * @param regnum  the number used by {@code p}/{@code P} and the order in {@code g}
 * @param type    the XML type ("int", "code_ptr", ...), or "" when absent
 * @param group   the XML group ("general", "float", "system", "csr", ...), or "" when absent
 * @param feature name of the enclosing {@code <feature>}, e.g. {@code org.gnu.gdb.riscv.csr}
 */
public record RegisterInfo(String name, int bitsize, int regnum, String type, String group, String feature) {

    /** Size in bytes on the wire (bitsize rounded up to whole bytes). */
    public int byteSize() {
        return (bitsize + 7) / 8;
    }
}
