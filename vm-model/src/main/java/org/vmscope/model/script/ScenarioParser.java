package org.vmscope.model.script;

import org.vmscope.model.Sizes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.vmscope.model.map.Mman;

/** Turns one line into a {@link Step}: tokens, then the operation's own syntax. */
final class ScenarioParser {

    /** A line that does not parse; the message says what is wrong. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message);
        }
    }

    private static final Set<String> RESOURCES = Set.of("pages", "entries", "kmalloc");
    private static final Set<String> EXPECTS = Set.of("shared", "owner", "ok", "errno", "mem", "free", "entries", "kmalloc", "panic",
            "alive", "exited", "row", "refs", "vmem", "value");

    private ScenarioParser() {
    }

    /** The step on line {@code line}, or null for a blank or comment line. */
    static Step parseLine(int line, String raw) throws ParseException {
        List<String> toks = tokens(raw);
        if (toks.isEmpty()) {
            return null;
        }
        String text = String.join(" ", toks);
        Args a = new Args(toks);
        String verb = a.word("operation").toLowerCase(Locale.ROOT);
        Op op = switch (verb) {
            case "machine" -> machine(a);
            case "spawn" -> new Op.Spawn(image(a, a.word("program name")), a.opt("parent"), a.opt("map"), a.as());
            case "fork" -> new Op.Fork(a.word("process"), a.as());
            case "vfork" -> new Op.Vfork(a.word("process"), a.as());
            case "exec" -> {
                String p = a.word("process");
                yield new Op.Exec(p, image(a, a.word("program name")));
            }
            case "exit" -> new Op.Exit(a.word("process"));
            case "mmap" -> mmap(a);
            case "munmap" -> new Op.Munmap(a.word("process"), expr(a.word("address")), expr(a.word("size")));
            case "mprotect" -> {
                String p = a.word("process");
                Expr addr = expr(a.word("address"));
                Expr size = expr(a.word("size"));
                String prot = a.opt("prot");
                if (prot == null) {
                    throw new ParseException("mprotect needs prot=");
                }
                yield new Op.Mprotect(p, addr, size, prot(prot));
            }
            case "touch" -> touch(a);
            case "kmalloc" -> new Op.Kmalloc(expr(a.word("size")), a.as());
            case "kfree" -> new Op.Kfree(expr(a.word("address")));
            case "msg" -> {
                String from = a.word("sender");
                Expr addr = expr(a.word("address"));
                Expr size = expr(a.word("size"));
                if (!"to".equals(a.word("'to'"))) {
                    throw new ParseException("expected 'to RECEIVER' after the size");
                }
                yield new Op.Msg(from, addr, size, a.word("receiver"), a.as());
            }
            case "reply" -> new Op.Reply(a.word("message name"));
            case "checkpoint" -> new Op.Checkpoint(a.word("checkpoint name"));
            case "fail" -> fail(a);
            case "expect" -> expect(a);
            default -> throw new ParseException("unknown operation '" + verb + "'");
        };
        a.done();
        return new Step(line, text, op);
    }

    // ------------------------------------------------------------------ tokens

    /** Splits on blanks; {@code "..."} is one token (with \" and \\); {@code #} outside quotes ends the line. */
    static List<String> tokens(String raw) throws ParseException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < raw.length()) {
                    cur.append(raw.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '"') {
                quoted = true;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new ParseException("unterminated string");
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Positional words, {@code key=value} options and a trailing {@code as NAME}. */
    private static final class Args {
        private final List<String> words = new ArrayList<>();
        private final Map<String, String> opts = new LinkedHashMap<>();
        private String as;
        private int next;

        Args(List<String> toks) throws ParseException {
            for (int i = 0; i < toks.size(); i++) {
                String t = toks.get(i);
                if (t.equals("as") && i > 0) {
                    if (i + 1 >= toks.size()) {
                        throw new ParseException("'as' needs a name");
                    }
                    as = name(toks.get(++i));
                    if (i + 1 < toks.size()) {
                        throw new ParseException("unexpected '" + toks.get(i + 1) + "' after 'as " + as + "'");
                    }
                } else if (t.indexOf('=') > 0 && !t.startsWith("\"")) {
                    String k = t.substring(0, t.indexOf('=')).toLowerCase(Locale.ROOT);
                    if (opts.put(k, t.substring(t.indexOf('=') + 1)) != null) {
                        throw new ParseException("option '" + k + "' given twice");
                    }
                } else {
                    words.add(t);
                }
            }
        }

        String word(String what) throws ParseException {
            if (next >= words.size()) {
                throw new ParseException("missing " + what);
            }
            return words.get(next++);
        }

        String optionalWord() {
            return next < words.size() ? words.get(next++) : null;
        }

        String opt(String key) {
            return opts.remove(key);
        }

        String as() {
            String a = as;
            as = null;
            return a;
        }

        void done() throws ParseException {
            if (next < words.size()) {
                throw new ParseException("unexpected '" + words.get(next) + "'");
            }
            if (!opts.isEmpty()) {
                throw new ParseException("unknown option '" + opts.keySet().iterator().next() + "'");
            }
            if (as != null) {
                throw new ParseException("this operation has no result to name with 'as'");
            }
        }
    }

    private static String name(String s) throws ParseException {
        if (!s.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new ParseException("bad name '" + s + "' (letters, digits, _ . -; not starting with a digit)");
        }
        return s;
    }

    // ------------------------------------------------------------------ values

    /** A size or number: decimal or 0x hex, optional K/M/G suffix (binary multiples). */
    static long number(String s) throws ParseException {
        try {
            return Sizes.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ParseException("bad number '" + s + "'");
        }
    }

    static Expr expr(String s) throws ParseException {
        List<Expr.Term> terms = new ArrayList<>();
        int i = 0;
        boolean neg = false;
        if (s.isEmpty()) {
            throw new ParseException("empty expression");
        }
        if (s.charAt(0) == '-') {
            neg = true;
            i = 1;
        }
        while (i < s.length()) {
            int j = i;
            while (j < s.length() && s.charAt(j) != '+' && s.charAt(j) != '-') {
                j++;
            }
            String t = s.substring(i, j);
            if (t.isEmpty()) {
                throw new ParseException("bad expression '" + s + "'");
            }
            if (Character.isDigit(t.charAt(0))) {
                terms.add(new Expr.Term(neg, null, number(t)));
            } else {
                terms.add(new Expr.Term(neg, name(t), 0));
            }
            if (j < s.length()) {
                neg = s.charAt(j) == '-';
                i = j + 1;
                if (i >= s.length()) {
                    throw new ParseException("bad expression '" + s + "'");
                }
            } else {
                i = j;
            }
        }
        return new Expr(s, List.copyOf(terms));
    }

    static int prot(String s) throws ParseException {
        String t = s.toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("-") || t.equals("---")) {
            return Mman.PROT_NONE;
        }
        int p = 0;
        for (char c : t.toCharArray()) {
            switch (c) {
                case 'r' -> p |= Mman.PROT_READ;
                case 'w' -> p |= Mman.PROT_WRITE;
                case 'x' -> p |= Mman.PROT_EXEC;
                case '-' -> {
                }
                default -> throw new ParseException("bad prot '" + s + "' (r, w, x or none)");
            }
        }
        return p;
    }

    static int flags(String s) throws ParseException {
        int f = 0;
        for (String part : s.toLowerCase(Locale.ROOT).split(",")) {
            f |= switch (part.trim()) {
                case "private", "shared", "none", "" -> Mman.MAP_PRIVATE;
                case "anonymous", "anon" -> Mman.MAP_ANONYMOUS;
                case "fixed" -> Mman.MAP_FIXED;
                case "noinherit" -> Mman.MAP_NOINHERIT;
                case "uncached" -> Mman.MAP_UNCACHED;
                case "device" -> Mman.MAP_DEVICE;
                case "physmem" -> Mman.MAP_PHYSMEM;
                case "contiguous" -> Mman.MAP_CONTIGUOUS;
                case "needscopy" -> Mman.MAP_NEEDSCOPY;
                default -> throw new ParseException("unknown flag '" + part + "'");
            };
        }
        return f;
    }

    // ------------------------------------------------------------------ operations

    private static Op machine(Args a) throws ParseException {
        String arch = a.word("architecture");
        String ram = a.opt("ram");
        if (ram == null) {
            throw new ParseException("machine needs ram=SIZE");
        }
        boolean sv48 = false;
        String w;
        while ((w = a.optionalWord()) != null) {
            if (w.equalsIgnoreCase("sv48")) {
                sv48 = true;
            } else if (!w.equalsIgnoreCase("sv39")) {
                throw new ParseException("unexpected '" + w + "' (sv39 or sv48)");
            }
        }
        return new Op.MachineOp(arch, number(ram), sv48, sharedMaps(a.opt("shared")));
    }

    /** {@code NAME:ADDR:SIZE[,NAME:ADDR:SIZE...]}, the extra NOMMU RAM maps of a machine line. */
    private static List<Op.SharedMap> sharedMaps(String spec) throws ParseException {
        if (spec == null) {
            return List.of();
        }
        List<Op.SharedMap> out = new ArrayList<>();
        for (String one : spec.split(",", -1)) {
            String[] f = one.split(":", -1);
            if (f.length != 3 || f[0].isEmpty()) {
                throw new ParseException("shared map '" + one + "' is not NAME:ADDR:SIZE");
            }
            out.add(new Op.SharedMap(f[0], number(f[1]), number(f[2])));
        }
        return List.copyOf(out);
    }

    private static Op.Image image(Args a, String name) throws ParseException {
        return new Op.Image(name, size(a.opt("text")), size(a.opt("data")), size(a.opt("bss")), size(a.opt("stack")),
                a.opt("from"));
    }

    private static long size(String s) throws ParseException {
        return s == null ? -1 : number(s);
    }

    private static Op mmap(Args a) throws ParseException {
        String p = a.word("process");
        Expr addr = expr(a.word("address"));
        Expr size = expr(a.word("size"));
        String prot = a.opt("prot");
        if (prot == null) {
            throw new ParseException("mmap needs prot=");
        }
        String file = a.opt("file");
        String fl = a.opt("flags");
        int flags = fl == null ? (file == null ? Mman.MAP_ANONYMOUS : 0) : flags(fl);
        String offs = a.opt("offs");
        return new Op.Mmap(p, addr, size, prot(prot), flags, file, offs == null ? null : expr(offs), a.as());
    }

    private static Op touch(Args a) throws ParseException {
        String p = a.word("process");
        Expr addr = expr(a.word("address"));
        String mode = a.optionalWord();
        if (mode == null || mode.equals("read")) {
            return new Op.Touch(p, addr, false);
        }
        if (mode.equals("write")) {
            return new Op.Touch(p, addr, true);
        }
        throw new ParseException("touch mode is read or write, not '" + mode + "'");
    }

    private static Op fail(Args a) throws ParseException {
        String r = a.word("resource (pages, entries, kmalloc or off)").toLowerCase(Locale.ROOT);
        if (r.equals("off")) {
            String which = a.optionalWord();
            if (which != null && !RESOURCES.contains(which)) {
                throw new ParseException("unknown resource '" + which + "'");
            }
            return new Op.Fail(which, -1, 0, true);
        }
        if (!RESOURCES.contains(r)) {
            throw new ParseException("unknown resource '" + r + "' (pages, entries, kmalloc)");
        }
        String after = a.opt("after");
        String count = a.opt("count");
        return new Op.Fail(r, after == null ? 0 : number(after), count == null ? -1 : number(count), false);
    }

    private static Op expect(Args a) throws ParseException {
        String what = a.word("what to expect").toLowerCase(Locale.ROOT);
        if (!EXPECTS.contains(what)) {
            throw new ParseException("unknown expectation '" + what + "' (one of " + String.join(", ",
                    new java.util.TreeSet<>(EXPECTS)) + ")");
        }
        List<String> args = new ArrayList<>();
        String w;
        while ((w = a.optionalWord()) != null) {
            args.add(w);
        }
        int need = switch (what) {
            case "ok", "panic" -> 0;
            case "errno", "mem", "alive", "exited", "value" -> 1;
            case "free", "entries", "kmalloc", "vmem", "shared", "owner" -> 2;
            case "row", "refs" -> 3;
            default -> 0;
        };
        if (args.size() != need) {
            throw new ParseException("expect " + what + " takes " + need + " argument" + (need == 1 ? "" : "s"));
        }
        if (what.equals("free") || what.equals("entries") || what.equals("kmalloc")) {
            String d = args.get(1);
            if (!d.startsWith("+") && !d.startsWith("-")) {
                throw new ParseException("expect " + what + " CHECKPOINT takes a signed delta such as +0 or -8K");
            }
            number(d.substring(1));
        }
        if (what.equals("vmem") || what.equals("value") || what.equals("shared")) {
            expr(args.get(args.size() - 1));
        }
        if (what.equals("owner")) {
            expr(args.get(0));
        }
        if (what.equals("row") || what.equals("refs")) {
            expr(args.get(1));
        }
        if (what.equals("refs")) {
            number(args.get(2));
        }
        return new Op.Expect(what, List.copyOf(args));
    }
}
