package org.vmscope.bridge.sim;

/**
 * One register of a served target description.
 *
 * @param type  gdb's predefined type name ("int", "code_ptr", "data_ptr", "i387_ext", "ieee_single")
 * @param group the register group, or "" for gdb's default
 */
record SimRegister(String name, int bitsize, int regnum, String type, String group) {

    int byteSize() {
        return (bitsize + 7) / 8;
    }
}
