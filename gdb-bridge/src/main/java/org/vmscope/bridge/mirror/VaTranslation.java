package org.vmscope.bridge.mirror;

import java.util.List;
import org.vmscope.model.pmap.Translation;

/**
 * One VA walked through the root that translates it, with every level.
 *
 * @param root        the root used (null when no root could be walked)
 * @param translation the walk, or null with {@code root}
 * @param problems    the setup's problem, a lost connection, read failures
 */
public record VaTranslation(long va, NamedRoot root, Translation translation, List<String> problems,
        boolean partial) {

    public VaTranslation {
        problems = List.copyOf(problems);
    }

    public boolean mapped() {
        return translation != null && translation.mapped();
    }
}
