package org.vmscope.model.state.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.vmscope.model.state.State;
import org.vmscope.model.state.StatePackage;
import org.vmscope.model.state.build.ReadOnly;

/**
 * Snapshot files: a {@link State} as gzip-compressed XMI. The root element {@code vmstate:State} carries the
 * model namespace ({@value #NAMESPACE_PREFIX}N) and a {@code formatVersion} attribute; both are checked before the
 * content is parsed, so a file from a newer vmscope is refused as such rather than as corrupt.
 *
 * <p>Reading is bounded ({@link #MAX_FILE_BYTES} compressed, {@link #MAX_XML_BYTES} uncompressed) and never lets
 * an unexplained exception escape: every failure is a {@link SnapshotException} whose message names the file and
 * one of these causes (its {@link SnapshotException.Reason} in brackets):
 * <ul>
 * <li>{@code FILE: cannot read: ...} [IO]</li>
 * <li>{@code FILE is not a vmscope snapshot: it is empty | it is not gzip-compressed | its content is not XML |
 * its root element is ...} [NOT_A_SNAPSHOT]</li>
 * <li>{@code FILE is truncated: the compressed data ends early} [TRUNCATED]</li>
 * <li>{@code FILE is corrupt: ...} [CORRUPT]</li>
 * <li>{@code FILE has snapshot format version N; this vmscope reads versions up to M: use a newer vmscope}
 * [NEWER_VERSION]</li>
 * <li>{@code FILE is too large: ...} [TOO_LARGE]</li>
 * </ul>
 * Loaded pictures are read-only, like built ones.
 */
public final class Snapshots {
    /** The format this vmscope writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Namespaces of every format version start with this. */
    public static final String NAMESPACE_PREFIX = "http://www.vmscope.org/model/state/";
    /** Bound on a snapshot file's size. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /** Bound on a snapshot's uncompressed XMI. */
    public static final int MAX_XML_BYTES = 1 << 30;

    private static final String ROOT = "State";

    private Snapshots() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code state} to {@code file}, replacing it only once the new file is complete. */
    public static void save(State state, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(state, out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code state} as a snapshot to {@code out} (gzip-compressed XMI); leaves {@code out} open. */
    public static void write(State state, OutputStream out) throws IOException {
        if (state.getFormatVersion() != FORMAT_VERSION) {
            throw new IOException("cannot write a State of format version " + state.getFormatVersion());
        }
        // a copy, so the caller's picture keeps its resource and its read-only guard
        State copy = EcoreUtil.copy(state);
        XMIResourceImpl r = new XMIResourceImpl(URI.createURI("vmscope:/snapshot.xmi"));
        r.getContents().add(copy);
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        try (GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16)) {
            r.save(gz, options);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads the snapshot in {@code file}. */
    public static State load(Path file) throws SnapshotException {
        String what = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new SnapshotException(SnapshotException.Reason.IO, what + ": cannot read: " + describe(e), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new SnapshotException(SnapshotException.Reason.TOO_LARGE,
                    what + " is too large: " + size + " bytes, more than " + MAX_FILE_BYTES);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, what);
        } catch (IOException e) {
            throw new SnapshotException(SnapshotException.Reason.IO, what + ": cannot read: " + describe(e), e);
        }
    }

    /**
     * Reads a snapshot from {@code in}, naming it {@code what} in messages; reads at most
     * {@link #MAX_FILE_BYTES} bytes of it.
     */
    public static State read(InputStream in, String what) throws SnapshotException {
        byte[] xml = inflate(in, what);
        checkRoot(xml, what);
        return parse(xml, what);
    }

    private static byte[] inflate(InputStream in, String what) throws SnapshotException {
        byte[] magic;
        try {
            magic = in.readNBytes(2);
        } catch (IOException e) {
            throw new SnapshotException(SnapshotException.Reason.IO, what + ": cannot read: " + describe(e), e);
        }
        if (magic.length == 0) {
            throw notSnapshot(what, "it is empty");
        }
        if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
            throw notSnapshot(what, "it is not gzip-compressed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream bounded = new Bounded(in, MAX_FILE_BYTES - 2);
        try (GZIPInputStream gz = new GZIPInputStream(
                new java.io.SequenceInputStream(new ByteArrayInputStream(magic), bounded), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = gz.read(buf)) > 0;) {
                if (out.size() + (long) n > MAX_XML_BYTES) {
                    throw new SnapshotException(SnapshotException.Reason.TOO_LARGE,
                            what + " is too large: more than " + MAX_XML_BYTES + " bytes uncompressed");
                }
                out.write(buf, 0, n);
            }
        } catch (TooLarge e) {
            throw new SnapshotException(SnapshotException.Reason.TOO_LARGE,
                    what + " is too large: more than " + MAX_FILE_BYTES + " bytes", e);
        } catch (EOFException e) {
            throw new SnapshotException(SnapshotException.Reason.TRUNCATED,
                    what + " is truncated: the compressed data ends early", e);
        } catch (ZipException e) {
            throw corrupt(what, "bad compressed data (" + describe(e) + ")", e);
        } catch (IOException e) {
            throw new SnapshotException(SnapshotException.Reason.IO, what + ": cannot read: " + describe(e), e);
        }
        return out.toByteArray();
    }

    /** Checks the root element's name, namespace and format version without parsing the rest. */
    private static void checkRoot(byte[] xml, String what) throws SnapshotException {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String ns;
        String local;
        String version;
        try {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                int ev = r.next();
                while (ev != XMLStreamConstants.START_ELEMENT && ev != XMLStreamConstants.END_DOCUMENT) {
                    ev = r.next();
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    throw notSnapshot(what, "its content is not XML");
                }
                ns = r.getNamespaceURI();
                local = r.getLocalName();
                version = r.getAttributeValue(null, "formatVersion");
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw notSnapshot(what, "its content is not XML");
        }
        if (ns == null || !ns.startsWith(NAMESPACE_PREFIX) || !ROOT.equals(local)) {
            throw notSnapshot(what, "its root element is {" + (ns == null ? "" : ns) + "}" + local
                    + ", not a vmscope State");
        }
        int v;
        try {
            v = version == null ? -1 : Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1) {
            throw corrupt(what, "the root element has no valid formatVersion", null);
        }
        if (v > FORMAT_VERSION) {
            throw new SnapshotException(SnapshotException.Reason.NEWER_VERSION, what + " has snapshot format version "
                    + v + "; this vmscope reads versions up to " + FORMAT_VERSION + ": use a newer vmscope");
        }
        if (!StatePackage.eNS_URI.equals(ns)) {
            throw corrupt(what, "namespace " + ns + " does not belong to format version " + v, null);
        }
    }

    private static State parse(byte[] xml, String what) throws SnapshotException {
        ResourceSet rs = new ResourceSetImpl();
        rs.getPackageRegistry().put(StatePackage.eNS_URI, StatePackage.eINSTANCE);
        XMIResourceImpl r = new XMIResourceImpl(URI.createURI("vmscope:/snapshot.xmi"));
        rs.getResources().add(r);
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_PARSER_FEATURES,
                Map.of("http://apache.org/xml/features/disallow-doctype-decl", Boolean.TRUE));
        options.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        try {
            r.load(new ByteArrayInputStream(xml), options);
        } catch (IOException | RuntimeException e) {
            throw corrupt(what, describe(e), e);
        }
        if (!r.getErrors().isEmpty()) {
            Resource.Diagnostic d = r.getErrors().get(0);
            String where = d.getLine() > 0 ? " (line " + d.getLine() + ")" : "";
            throw corrupt(what, d.getMessage() + where, null);
        }
        if (r.getContents().size() != 1 || !(r.getContents().get(0) instanceof State)) {
            throw corrupt(what, "it does not hold exactly one State", null);
        }
        State s = (State) r.getContents().get(0);
        validate(s, what);
        return ReadOnly.freeze(s);
    }

    /** Multiplicities and references (EMF's validation), then what the model cannot say by itself. */
    private static void validate(State s, String what) throws SnapshotException {
        Diagnostic d;
        try {
            d = Diagnostician.INSTANCE.validate(s);
        } catch (RuntimeException e) {
            throw corrupt(what, describe(e), e);
        }
        if (d.getSeverity() >= Diagnostic.ERROR) {
            Diagnostic first = d;
            while (!first.getChildren().isEmpty()) {
                first = first.getChildren().get(0);
            }
            throw corrupt(what, first.getMessage(), null);
        }
        long ps = s.getTarget().getPageSize();
        if (ps <= 0 || (ps & (ps - 1)) != 0) {
            throw corrupt(what, "page size " + ps + " is not a power of two", null);
        }
        var runs = s.getPhysicalMemory().getRuns();
        if (runs != null && runs.size() > 0 && runs.pageSize() != ps) {
            throw corrupt(what, "page runs use " + runs.pageSize() + "-byte pages, the target " + ps, null);
        }
        for (EObject o : (Iterable<EObject>) s::eAllContents) {
            for (EObject ref : o.eCrossReferences()) {
                if (ref.eIsProxy() || EcoreUtil.getRootContainer(ref) != s) {
                    throw corrupt(what, "a reference points outside the snapshot", null);
                }
            }
        }
    }

    private static SnapshotException notSnapshot(String what, String why) {
        return new SnapshotException(SnapshotException.Reason.NOT_A_SNAPSHOT,
                what + " is not a vmscope snapshot: " + why);
    }

    private static SnapshotException corrupt(String what, String why, Throwable cause) {
        return new SnapshotException(SnapshotException.Reason.CORRUPT, what + " is corrupt: " + why, cause);
    }

    /** The innermost message of {@code e}, or its type when it has none. */
    private static String describe(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 8 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Lets the gzip stream close (releasing its deflater) without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Reads at most {@code left} bytes, then reports a too-large file. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long left;

        Bounded(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                int probe = in.read();
                if (probe < 0) {
                    return -1;
                }
                throw new TooLarge();
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** The compressed input passed {@link #MAX_FILE_BYTES}. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
