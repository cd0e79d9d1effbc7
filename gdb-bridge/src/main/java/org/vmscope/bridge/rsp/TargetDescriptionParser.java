package org.vmscope.bridge.rsp;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses GDB target descriptions. Included documents ({@code <xi:include href="..."/>}) are
 * fetched through an {@link AnnexLoader} (qXfer on a live target). Registers without
 * {@code regnum} take the number after the previous register, across features and documents.
 * The DTD named in the DOCTYPE is never loaded and external entities are refused.
 */
public final class TargetDescriptionParser {
    private static final int MAX_DOCUMENTS = 64;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_TOTAL_CHARS = 8 * 1024 * 1024;
    private static final int MAX_REGISTERS = 8192;
    /** Element nesting per document; real descriptions nest four deep. Bounds the recursion below. */
    private static final int MAX_NESTING = 64;

    /** Source of annexes ({@code target.xml} and included files). */
    @FunctionalInterface
    public interface AnnexLoader {
        String load(String annex) throws RspException;
    }

    private final AnnexLoader loader;
    private final Map<String, String> documents = new LinkedHashMap<>();
    private final List<RegisterInfo> registers = new ArrayList<>();
    private final List<String> features = new ArrayList<>();
    private String architecture;
    private int nextRegnum;
    private int totalChars;

    private TargetDescriptionParser(AnnexLoader loader) {
        this.loader = loader;
    }

    /** Loads {@code target.xml} and everything it includes. */
    public static TargetDescription load(AnnexLoader loader) throws RspException {
        return load("target.xml", loader);
    }

    public static TargetDescription load(String rootAnnex, AnnexLoader loader) throws RspException {
        TargetDescriptionParser p = new TargetDescriptionParser(loader);
        p.document(rootAnnex, 0, null);
        return new TargetDescription(p.architecture, p.registers, p.features, p.documents);
    }

    /** Parses a self-contained description (includes are an error). */
    public static TargetDescription parse(String xml) throws RspException {
        return load("target.xml", annex -> {
            if (annex.equals("target.xml")) {
                return xml;
            }
            throw new RspProtocolException("unexpected include of " + annex);
        });
    }

    private void document(String annex, int depth, String feature) throws RspException {
        if (depth > MAX_DEPTH) {
            throw new RspProtocolException("target description includes nest deeper than " + MAX_DEPTH);
        }
        if (documents.containsKey(annex)) {
            throw new RspProtocolException("target description includes " + annex + " twice (cycle?)");
        }
        if (documents.size() >= MAX_DOCUMENTS) {
            throw new RspProtocolException("target description has more than " + MAX_DOCUMENTS + " documents");
        }
        String xml = loader.load(annex);
        if (xml == null) {
            throw new RspProtocolException("target description annex " + annex + " could not be loaded");
        }
        totalChars += xml.length();
        if (totalChars > MAX_TOTAL_CHARS) {
            throw new RspProtocolException("target description larger than " + MAX_TOTAL_CHARS + " characters");
        }
        documents.put(annex, xml);
        Element root = parseXml(annex, xml).getDocumentElement();
        element(root, depth, feature, 0);
    }

    private void element(Element e, int depth, String feature, int nesting) throws RspException {
        if (nesting > MAX_NESTING) {
            throw new RspProtocolException("target description elements nest deeper than " + MAX_NESTING);
        }
        String name = localName(e);
        switch (name) {
            case "architecture" -> architecture = e.getTextContent().trim();
            case "feature" -> {
                feature = e.getAttribute("name");
                features.add(feature);
            }
            case "reg" -> {
                register(e, feature);
                return;
            }
            case "include" -> {
                // the target DTD defines no other include: any prefix means XInclude
                String href = e.getAttribute("href");
                if (href.isEmpty() || href.contains("/") || href.contains("..")) {
                    throw new RspProtocolException("bad include href '" + href + "'");
                }
                document(href, depth + 1, feature);
                return;
            }
            default -> {
                // vector, union, struct, flags, osabi, compatible: not needed to find registers
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                element(child, depth, feature, nesting + 1);
            }
        }
    }

    private void register(Element e, String feature) throws RspException {
        String name = e.getAttribute("name");
        if (name.isEmpty()) {
            throw new RspProtocolException("register without a name in the target description");
        }
        int bitsize;
        try {
            bitsize = Integer.parseInt(e.getAttribute("bitsize").trim());
        } catch (NumberFormatException ex) {
            throw new RspProtocolException("register " + name + " has no valid bitsize");
        }
        if (bitsize <= 0 || bitsize > 8192) {
            throw new RspProtocolException("register " + name + " has bitsize " + bitsize);
        }
        int regnum = nextRegnum;
        String rn = e.getAttribute("regnum").trim();
        if (!rn.isEmpty()) {
            try {
                regnum = Integer.decode(rn);
            } catch (NumberFormatException ex) {
                throw new RspProtocolException("register " + name + " has bad regnum '" + rn + "'");
            }
            if (regnum < 0 || regnum > 1 << 20) {
                throw new RspProtocolException("register " + name + " has regnum " + regnum);
            }
        }
        if (registers.size() >= MAX_REGISTERS) {
            throw new RspProtocolException("more than " + MAX_REGISTERS + " registers");
        }
        nextRegnum = regnum + 1;
        registers.add(new RegisterInfo(name, bitsize, regnum, e.getAttribute("type"), e.getAttribute("group"),
                feature == null ? "" : feature));
    }

    private static String localName(Element e) {
        String n = e.getNodeName();
        int colon = n.indexOf(':');
        return colon >= 0 ? n.substring(colon + 1) : n;
    }

    private static Document parseXml(String annex, String xml) throws RspProtocolException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // not namespace aware: QEMU's target.xml uses xi:include without binding the prefix
            // (gdb's DTD supplies the binding, and the DTD is deliberately never loaded)
            f.setNamespaceAware(false);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                    // not validating: nothing to report
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) {
                    // recoverable errors only concern validity against the DTD, which is not loaded
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | java.io.IOException e) {
            throw new RspProtocolException("invalid target description " + annex + ": " + e.getMessage(), e);
        }
    }
}
