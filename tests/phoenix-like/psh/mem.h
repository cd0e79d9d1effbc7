/* psh `mem` output (phoenix-vm.md §5.2) computed from meminfo, as the applet does in userspace. */
#ifndef PHX_PSH_MEM_H
#define PHX_PSH_MEM_H

void psh_memSummary(void);

/* pid < 0 selects the kernel map. */
void psh_memMap(int pid);

void psh_memPages(void);

#endif
