package org.vmscope.ui.rows;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vmscope.core.Finding;

/** One problem the consistency checks found. */
public record FindingRow(Finding finding) implements Row {
    /** The checks name an object {@code object <kind> <port>.<id>} (e.g. {@code object file 2.3002}). */
    private static final Pattern OBJECT = Pattern.compile("\\bobject \\w+ (\\d+\\.\\d+)\\b");

    @Override
    public Object element() {
        return finding;
    }

    /** The {@code port.id} of the memory object at fault, or null when the problem names none. */
    public String objectId() {
        Matcher m = OBJECT.matcher(finding.subject());
        return m.find() ? m.group(1) : null;
    }

    @Override
    public List<Property> properties() {
        String c = "Problem";
        return List.of(new Property(c, "Severity", finding.severity().name()), new Property(c, "Code", finding.code()),
                new Property(c, "Object", finding.subject()), new Property(c, "Message", finding.message()));
    }
}
