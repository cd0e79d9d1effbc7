package org.vmscope.bridge.mirror;

import java.util.List;

/** Every VA mapping one physical address, from a whole walk (partial if the walk was). */
public record ReverseLookup(long pa, List<ReverseHit> hits, MirrorWalk walk) {

    public ReverseLookup {
        hits = List.copyOf(hits);
    }

    public boolean partial() {
        return walk.partial();
    }
}
