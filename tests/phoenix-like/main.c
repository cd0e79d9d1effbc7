/* Boot of the Phoenix-like test kernel: VM init, a few processes in every state the mirror
 * must decode (ELF segments from a syspage image and from file objects, a shared library
 * object, COW-shared anons after fork, PHYSMEM, a message window, a contiguous object,
 * MAP_FIXED), then the psh `mem` views of the result on the console. */
#include "hal/hal.h"
#include "hal/console.h"
#include "vm/vm.h"
#include "proc/threads.h"
#include "psh/mem.h"
#include "syspage.h"
#include "lib/lib.h"
#include "include/errno.h"

#define ELF_TEXT  ((void *)0x08048000ul)
#define LIB_BASE  ((void *)0x20000000ul)
#define FIXED_VA  ((void *)0x40000000ul)
#define PROG_SIZE (4 * SIZE_PAGE)
#define USTACK_SIZE (8 * SIZE_PAGE)

#define PROT_UR  (PROT_USER | PROT_READ)
#define PROT_URW (PROT_USER | PROT_READ | PROT_WRITE)
#define PROT_URX (PROT_USER | PROT_READ | PROT_EXEC)

#define STAGE2_VA ((void *)0x50000000ul)

/* How many processes run: the four of the scenario, then workers up to this count (the
 * benchmark build sets -DPHX_PROCESSES=50). */
#ifndef PHX_PROCESSES
#define PHX_PROCESSES 4
#endif

extern char boot_stack[], boot_stack_top[];

/* Set by a debugger to let the kernel run its second stage (see main_awaitDebugger). */
static volatile int main_release;
/* Where pid 3's contiguous buffer was mapped; the second stage unmaps it. */
static void *main_contiguous;

static struct {
	vm_map_t kmap;
	vm_object_t kernel;
	page_t *page;
	void *stack;
	size_t stacksz;
} main_common;

static void main_check(void *v, const char *what)
{
	if (v == NULL)
		lib_panic(what);
}

static void main_stack(process_t *p)
{
	main_check(vm_mmap(p->mapp, (char *)p->map.pmap.end - USTACK_SIZE, NULL, USTACK_SIZE, PROT_URW, NULL, -1, MAP_NONE), "stack");
}

/* Executed in place from the loader's image: text and data map the frames as PHYSMEM. */
static process_t *main_spawnSyspage(char *path, syspage_prog_t *prog)
{
	process_t *p = proc_create(path);

	main_check(p, "process");
	main_check(vm_mmap(p->mapp, ELF_TEXT, NULL, 3 * SIZE_PAGE, PROT_URX, VM_OBJ_PHYSMEM, (off_t)prog->start, MAP_NONE), "text");
	main_check(vm_mmap(p->mapp, (char *)ELF_TEXT + 3 * SIZE_PAGE, NULL, SIZE_PAGE, PROT_URW, VM_OBJ_PHYSMEM,
		(off_t)(prog->start + 3 * SIZE_PAGE), MAP_NEEDSCOPY), "data");
	main_check(vm_mmap(p->mapp, (char *)ELF_TEXT + 4 * SIZE_PAGE, NULL, SIZE_PAGE, PROT_URW, NULL, -1, MAP_NONE), "bss");
	main_stack(p);
	return p;
}

/* Loaded from a file object: text shared from the page cache, data copied on write. */
static process_t *main_spawnFile(char *path, oid_t oid, size_t text, size_t data, size_t bss)
{
	process_t *p = proc_create(path);
	vm_object_t *o;
	char *va = ELF_TEXT;

	main_check(p, "process");
	LIB_ASSERT(vm_objectGet(&o, oid) == EOK, "object");
	main_check(vm_mmap(p->mapp, va, NULL, text, PROT_URX, o, 0, MAP_NONE), "text");
	va += text;
	main_check(vm_mmap(p->mapp, va, NULL, data, PROT_URW, o, (off_t)text, MAP_NEEDSCOPY), "data");
	va += data;
	main_check(vm_mmap(p->mapp, va, NULL, bss, PROT_URW, NULL, -1, MAP_NONE), "bss");
	vm_objectPut(o);
	main_stack(p);
	return p;
}

static void main_mapLibrary(process_t *p)
{
	vm_object_t *lib;
	oid_t oid = { 2, 400 };

	LIB_ASSERT(vm_objectGet(&lib, oid) == EOK, "library object");
	main_check(vm_mmap(p->mapp, LIB_BASE, NULL, 2 * SIZE_PAGE, PROT_URX, lib, 0, MAP_NONE), "library");
	vm_objectPut(lib);
}

static process_t *main_scenario(void)
{
	process_t *init, *srv, *psh;
	vm_object_t *co;
	void *a;

	/* pid 1: init from the syspage; an anonymous pair of pages made read-only before fork,
	 * so parent and child keep sharing one amap and its anons. */
	init = main_spawnSyspage("/sbin/init", syspage->progs);
	a = vm_mmap(init->mapp, NULL, NULL, 2 * SIZE_PAGE, PROT_URW, NULL, -1, MAP_NONE);
	main_check(a, "anonymous");
	LIB_ASSERT(vm_mprotect(init->mapp, a, 2 * SIZE_PAGE, PROT_UR) == EOK, "mprotect");

	/* A page-class kmalloc freed again: its zone and kmap range go away, its frames keep
	 * the KERNEL|HEAP bits (U once an app reuses them). */
	void *big = vm_kmalloc(5000);
	main_check(big, "kmalloc");
	vm_kfree(big);

	/* pid 2: fork of init. Writable entries are copied now, the read-only one stays shared. */
	main_check(proc_fork(init, "/sbin/init"), "fork");

	/* pid 3: a server with a device page, a message window, a contiguous buffer, a fixed mapping. */
	srv = main_spawnFile("/sbin/srvd", (oid_t){ 2, 200 }, 3 * SIZE_PAGE, SIZE_PAGE, 2 * SIZE_PAGE);
	main_mapLibrary(srv);
	main_check(vm_mmap(srv->mapp, NULL, NULL, SIZE_PAGE, PROT_URW, VM_OBJ_PHYSMEM, (off_t)hal_devicePage(), MAP_DEVICE), "device");
	main_check(vm_mapFind(srv->mapp, NULL, SIZE_PAGE, MAP_NOINHERIT, PROT_URW), "message window");
	co = vm_objectContiguous(2 * SIZE_PAGE);
	main_check(co, "contiguous object");
	main_contiguous = vm_mmap(srv->mapp, NULL, NULL, 2 * SIZE_PAGE, PROT_URW, co, 0, MAP_NONE);
	main_check(main_contiguous, "contiguous");
	vm_objectPut(co);
	main_check(vm_mmap(srv->mapp, FIXED_VA, NULL, SIZE_PAGE, PROT_URW, NULL, -1, MAP_FIXED), "fixed");

	/* pid 4: the shell that prints all this; its address space is the live one. */
	psh = main_spawnFile("/bin/psh", (oid_t){ 2, 300 }, 2 * SIZE_PAGE, SIZE_PAGE, SIZE_PAGE);
	main_mapLibrary(psh);
	main_check(vm_mmap(psh->mapp, NULL, NULL, 4 * SIZE_PAGE, PROT_URW, NULL, -1, MAP_NONE), "heap");
	return psh;
}

/* Workers after the scenario (pids 5..PHX_PROCESSES): shells loaded from the psh file object,
 * sharing its text and the library from the page cache, each with a heap of 1 to 8 pages. */
static void main_workers(void)
{
	for (int pid = 5; pid <= PHX_PROCESSES; pid++) {
		process_t *w = main_spawnFile("/bin/psh", (oid_t){ 2, 300 }, 2 * SIZE_PAGE, SIZE_PAGE, SIZE_PAGE);

		main_mapLibrary(w);
		main_check(vm_mmap(w->mapp, NULL, NULL, (size_t)(1 + pid % 8) * SIZE_PAGE, PROT_URW, NULL, -1, MAP_NONE), "worker heap");
	}
}

#ifdef PHX_FAULT_ANON_REFS
/* Deliberate corruption for the checker's negative test: one reference too many on an anon. */
static void main_faultAnonRefs(process_t *p)
{
	for (rbnode_t *n = lib_rbMinimum(p->mapp->tree.root); n != NULL; n = lib_rbNext(n)) {
		map_entry_t *e = lib_treeof(map_entry_t, linkage, n);
		amap_t *a = e->amap;

		if (a != NULL && a->anons[e->aoffs / SIZE_PAGE] != NULL) {
			a->anons[e->aoffs / SIZE_PAGE]->refs++;
			return;
		}
	}
	lib_panic("no anon to corrupt");
}
#endif

static void main_faults(process_t *psh)
{
	(void)psh;
#ifdef PHX_FAULT_LEAK_PAGE
	/* Deliberate leak for the checker's negative test: an allocated page nothing owns. */
	main_check(vm_pageAlloc(SIZE_PAGE, PAGE_OWNER_APP), "leaked page");
#endif
#ifdef PHX_FAULT_ANON_REFS
	main_faultAnonRefs(psh);
#endif
}

/* Spins until a debugger sets main_release: the stop a test takes its "before" picture at. */
static void main_awaitDebugger(void)
{
	while (!main_release)
		__asm__ volatile("" ::: "memory");
	main_release = 0;
}

/* The second stage, run once a debugger released the first stop: pid 4 maps three anonymous
 * pages at STAGE2_VA, pid 3 unmaps its contiguous buffer (the object and its two pages go). */
static void main_stage2(process_t *srv, process_t *psh)
{
	main_check(vm_mmap(psh->mapp, STAGE2_VA, NULL, 3 * SIZE_PAGE, PROT_URW, NULL, -1, MAP_NONE), "stage 2 map");
	LIB_ASSERT(vm_munmap(srv->mapp, main_contiguous, 2 * SIZE_PAGE) == EOK, "stage 2 unmap");
	pmap_scratchReset();
	lib_printf("PHOENIX-LIKE stage2 begin\n");
	lib_printf("(psh)%% mem\n");
	psh_memSummary();
	lib_printf("(psh)%% mem -m kernel\n");
	psh_memMap(-1);
	lib_printf("(psh)%% mem -m 3\n");
	psh_memMap(3);
	lib_printf("(psh)%% mem -m 4\n");
	psh_memMap(4);
	lib_printf("PHOENIX-LIKE stage2 end\n");
}

static void main_report(int npids)
{
	lib_printf("PHOENIX-LIKE begin arch=%s\n", ARCH_NAME);
	lib_printf("(psh)%% mem\n");
	psh_memSummary();
	lib_printf("(psh)%% mem -m kernel\n");
	psh_memMap(-1);
	for (int pid = 1; pid <= npids; pid++) {
		lib_printf("(psh)%% mem -m %d\n", pid);
		psh_memMap(pid);
	}
	lib_printf("(psh)%% mem -p\n");
	psh_memPages();
	lib_printf("PHOENIX-LIKE end\n");
}

void main(ptr_t bootarg)
{
	addr_t ramStart, ramEnd;
	process_t *current;

	_hal_init(bootarg);
	hal_ramRange(&ramStart, &ramEnd);
	syspage_init(hal_kernelPhys((void *)hal_kernelStart()), ramStart, ramEnd, hal_progBase(), PROG_SIZE);
	lib_printf("Phoenix-like test kernel (%s), RAM %uKB\n", ARCH_NAME, (unsigned int)((ramEnd - ramStart) / 1024));

	_vm_init(&main_common.kmap, &main_common.kernel);
	main_common.stack = boot_stack;
	main_common.stacksz = (size_t)(boot_stack_top - boot_stack);
	main_common.page = page_get(hal_kernelPhys(boot_stack));
	syspage_loadProgs();

	LIB_ASSERT(_threads_init(&main_common.kmap, &main_common.kernel) == 0, "threads");
	LIB_ASSERT(_process_init(&main_common.kmap, &main_common.kernel) == 0, "process");

	current = main_scenario();
	main_workers();
	main_faults(current);
	proc_threadRun(current->threads);
	pmap_scratchReset();

	lib_printf("proc: current pid %d root 0x%llx\n", current->idlinkage.id, (unsigned long long)hal_cpuGetRoot());
	main_report(PHX_PROCESSES);

	main_awaitDebugger();
	main_stage2(proc_find(3), current);
	for (;;)
		__asm__ volatile("" ::: "memory");
}
