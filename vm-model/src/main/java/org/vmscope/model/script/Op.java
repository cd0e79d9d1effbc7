package org.vmscope.model.script;

import java.util.List;

/** One scenario operation, as parsed. {@code as} names are bindings for the result (null when absent). */
public sealed interface Op {

    /** {@code machine ARCH ram=SIZE [shared=NAME:ADDR:SIZE,...] [sv48]}: boots a standard machine. */
    record MachineOp(String arch, long ram, boolean sv48, List<SharedMap> shared) implements Op {
    }

    /** A NOMMU RAM map added to the machine's syspage maps (ids follow the kernel's map in order). */
    record SharedMap(String name, long start, long size) {
    }

    /** Segment sizes and image source of spawn/exec (-1 = default). */
    record Image(String name, long text, long data, long bss, long stack, String from) {
    }

    /** {@code spawn NAME [image options] [parent=PROC] [map=SHARED] [as NAME]}; {@code map} null = kernel map. */
    record Spawn(Image image, String parent, String map, String as) implements Op {
    }

    /** {@code fork PROC [as NAME]}. */
    record Fork(String proc, String as) implements Op {
    }

    /** {@code vfork PROC [as NAME]}. */
    record Vfork(String proc, String as) implements Op {
    }

    /** {@code exec PROC NAME [image options]}. */
    record Exec(String proc, Image image) implements Op {
    }

    /** {@code exit PROC}. */
    record Exit(String proc) implements Op {
    }

    /** {@code mmap PROC ADDR SIZE prot=P [flags=F,...] [file=NAME] [offs=N] [as NAME]}. */
    record Mmap(String proc, Expr addr, Expr size, int prot, int flags, String file, Expr offs, String as)
            implements Op {
    }

    /** {@code munmap PROC ADDR SIZE}. */
    record Munmap(String proc, Expr addr, Expr size) implements Op {
    }

    /** {@code mprotect PROC ADDR SIZE prot=P}. */
    record Mprotect(String proc, Expr addr, Expr size, int prot) implements Op {
    }

    /** {@code touch PROC ADDR [read|write]}. */
    record Touch(String proc, Expr addr, boolean write) implements Op {
    }

    /** {@code kmalloc SIZE [as NAME]}. */
    record Kmalloc(Expr size, String as) implements Op {
    }

    /** {@code kfree ADDR}. */
    record Kfree(Expr addr) implements Op {
    }

    /** {@code msg FROM ADDR SIZE to PROC [as NAME]}. */
    record Msg(String from, Expr addr, Expr size, String to, String as) implements Op {
    }

    /** {@code reply NAME}: completes a message. */
    record Reply(String window) implements Op {
    }

    /** {@code checkpoint NAME}. */
    record Checkpoint(String name) implements Op {
    }

    /** {@code fail pages|entries|kmalloc [after=N] [count=N]}; {@code fail off [RESOURCE]} ({@code after < 0}). */
    record Fail(String resource, long after, long count, boolean off) implements Op {
    }

    /**
     * {@code expect WHAT ARGS...}: an assertion on the previous operation or the state; {@code what} is one of
     * {@code ok errno mem free entries kmalloc panic alive exited row refs vmem}.
     */
    record Expect(String what, List<String> args) implements Op {
    }
}
