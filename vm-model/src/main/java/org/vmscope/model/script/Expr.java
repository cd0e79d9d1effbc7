package org.vmscope.model.script;

import java.util.List;

/**
 * An address or size expression: terms added or subtracted left to right. A term is a number (decimal, or hex
 * with {@code 0x}, optionally with a {@code K}, {@code M} or {@code G} suffix) or a bound name.
 */
public record Expr(String text, List<Term> terms) {

    /** One term: {@code name} when it refers to a binding, else {@code value}; {@code negative} for '-'. */
    public record Term(boolean negative, String name, long value) {
    }
}
