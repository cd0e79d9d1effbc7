package org.vmscope.model.map;

/**
 * A process as the NOMMU mapper sees it: the owner of the map entries on its {@code process->entries} ring
 * (phoenix-vm.md §2.3, §2.9). MMU builds never set an entry's owner.
 */
public interface EntryOwner {

    /** {@code process->entries}. */
    EntryRing entries();
}
