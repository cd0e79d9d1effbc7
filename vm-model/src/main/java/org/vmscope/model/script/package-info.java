/**
 * Scenario language for the simulated kernel: plain-text {@code .vmsim} files, one operation per line, run step by
 * step by {@link org.vmscope.model.script.ScenarioRun} (so a debugger can stop between lines).
 *
 * <h2>Lexical rules</h2>
 * Tokens are separated by blanks; {@code "..."} is one token ({@code \"} and {@code \\} escape); {@code #} outside
 * quotes starts a comment. Blank lines are ignored. Numbers are decimal or {@code 0x} hex, decimals may end in
 * {@code K}, {@code M} or {@code G} (binary multiples). Options are {@code key=value}. A trailing {@code as NAME}
 * binds the result of an operation to a name (letters, digits, {@code _ . -}, not starting with a digit).
 *
 * <h2>Grammar</h2>
 * <pre>
 * line       := [op] ['#' comment]
 * op         := 'machine' ARCH 'ram=' SIZE ['sv39' | 'sv48']          (first operation only)
 *             | 'spawn' NAME image ['parent=' PROC] ['as' NAME]        (binds NAME itself without 'as')
 *             | 'fork' PROC ['as' NAME] | 'vfork' PROC ['as' NAME]
 *             | 'exec' PROC NAME image | 'exit' PROC
 *             | 'mmap' PROC ADDR SIZE 'prot=' PROT ['flags=' FLAG{,FLAG}] ['file=' NAME] ['offs=' ADDR] ['as' NAME]
 *             | 'munmap' PROC ADDR SIZE | 'mprotect' PROC ADDR SIZE 'prot=' PROT
 *             | 'touch' PROC ADDR ['read' | 'write']
 *             | 'kmalloc' SIZE ['as' NAME] | 'kfree' ADDR
 *             | 'msg' PROC ADDR SIZE 'to' PROC ['as' NAME] | 'reply' NAME
 *             | 'checkpoint' NAME
 *             | 'fail' ('pages' | 'entries' | 'kmalloc') ['after=' N] ['count=' N] | 'fail' 'off' [RESOURCE]
 *             | 'expect' EXPECTATION
 * image      := ['text=' SIZE] ['data=' SIZE] ['bss=' SIZE] ['stack=' SIZE] ['from=' SYSPAGE_PROGRAM]
 * PROC       := pid | bound process name | 'kernel' (mmap, munmap, mprotect, touch only)
 * ADDR, SIZE := term {('+' | '-') term};  term := number | bound address name
 * PROT       := combination of r w x, or 'none'
 * FLAG       := private shared anonymous fixed noinherit uncached device physmem contiguous
 * EXPECTATION:= 'ok' | 'errno' NAME | 'value' ADDR           (about the previous kernel operation)
 *             | 'mem' "summary line"                        (psh mem)
 *             | ('free' | 'entries' | 'kmalloc') CHECKPOINT ('+'|'-')SIZE   (change since a checkpoint)
 *             | 'panic' | 'alive' PROC | 'exited' PROC | 'vmem' PROC SIZE
 *             | 'row' PROC ADDR "mem -m row" | 'refs' PROC ADDR N
 * </pre>
 *
 * <h2>Semantics</h2>
 * Kernel errors are results, not scenario errors: {@code mmap} returning ENOMEM leaves its {@code as} name
 * unbound and the run goes on; {@code expect errno ENOMEM} checks it. Scenario errors (a parse error, an unknown
 * name, a failed expectation, any kernel operation after a kernel panic) stop the run and are reported as
 * {@code file:line: message}. Without a {@code machine} line the run boots the default machine it was given.
 * See {@code vm-model/SCENARIOS.md} for the full description and the shipped examples.
 */
package org.vmscope.model.script;
