#define _GNU_SOURCE
#include "CSystemCalls.h"
#include <wchar.h>
#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

_Static_assert(sizeof(wchar_t) == sizeof(int32_t), "wchar_t holds one Unicode scalar value");

const int32_t *unionstats_wmemchr(const int32_t *s, int32_t c, size_t n) {
    return (const int32_t *)wmemchr((const wchar_t *)s, (wchar_t)c, n);
}

int unionstats_start_write_back(int fd, int64_t offset, int64_t count) {
#if defined(__linux__)
    return sync_file_range(fd, (off64_t)offset, (off64_t)count, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd; (void)offset; (void)count;
    errno = ENOSYS;
    return -1;
#endif
}

int unionstats_limit_malloc_arenas(int arenas) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, arenas);
#else
    (void)arenas;
    return 0;
#endif
}

int unionstats_malloc_trim(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

#if defined(__linux__)
#include <link.h>
#include <elf.h>
#include <string.h>

struct build_id_search { char *out; size_t cap; int found; };

/// The first object dl_iterate_phdr reports is the program itself: its PT_NOTE segments,
/// as loaded, hold the GNU build ID note (name "GNU", type NT_GNU_BUILD_ID).
static int build_id_of_program(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    for (int i = 0; i < info->dlpi_phnum && !search->found; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;
        // Notes in a segment aligned to 8 are padded to 8, others to 4 (as glibc reads them).
        size_t align = ph->p_align == 8 ? 8 : 4;
        #define UNIONSTATS_ALIGN_UP(n) (((n) + align - 1) & ~(align - 1))
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
            size_t descAt = UNIONSTATS_ALIGN_UP(sizeof(ElfW(Nhdr)) + note->n_namesz);
            size_t next = UNIONSTATS_ALIGN_UP(descAt + note->n_descsz);
            if (next > (size_t)(end - p)) break;
            const unsigned char *name = p + sizeof(ElfW(Nhdr)), *desc = p + descAt;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && memcmp(name, "GNU", 4) == 0
                && note->n_descsz > 0 && 2 * (size_t)note->n_descsz < search->cap) {
                static const char hex[] = "0123456789abcdef";
                for (size_t k = 0; k < note->n_descsz; k++) {
                    search->out[2 * k] = hex[desc[k] >> 4];
                    search->out[2 * k + 1] = hex[desc[k] & 15];
                }
                search->out[2 * note->n_descsz] = 0;
                search->found = 1;
                break;
            }
            p += next;
        }
        #undef UNIONSTATS_ALIGN_UP
    }
    return 1;   // the program only: stop after the first object
}
#endif

int unionstats_program_build_id(char *out, size_t cap) {
#if defined(__linux__)
    struct build_id_search search = { out, cap, 0 };
    dl_iterate_phdr(build_id_of_program, &search);
    return search.found;
#else
    (void)out; (void)cap;
    return 0;
#endif
}
