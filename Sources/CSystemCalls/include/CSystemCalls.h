// glibc calls that Swift's Glibc module leaves out (<wchar.h>, <malloc.h>, Linux's
// sync_file_range, dl_iterate_phdr). Wrapped in C so that Swift calls them through a C declaration, with
// the C headers' own constants, instead of binding a symbol name to a guessed signature.
#ifndef UNIONSTATS_CSYSTEMCALLS_H
#define UNIONSTATS_CSYSTEMCALLS_H

#include <stddef.h>
#include <stdint.h>

/// wmemchr: the first `c` among `n` 32-bit values at `s`, or NULL (a wchar_t is 32 bits here).
const int32_t *unionstats_wmemchr(const int32_t *s, int32_t c, size_t n);

/// sync_file_range(fd, offset, count, SYNC_FILE_RANGE_WRITE): starts writing that range back,
/// without waiting. 0, or -1 with errno (and -1 where the call does not exist).
int unionstats_start_write_back(int fd, int64_t offset, int64_t count);

/// mallopt(M_ARENA_MAX, arenas); 1 on success, 0 otherwise (and 0 off glibc).
int unionstats_limit_malloc_arenas(int arenas);

/// malloc_trim(0): returns freed memory of every arena; 1 if any was returned.
int unionstats_malloc_trim(void);

/// The running program's GNU build ID (a hash the linker takes of its contents), in hex, into
/// `out` (`cap` bytes with the NUL); 1 if found, 0 otherwise.
int unionstats_program_build_id(char *out, size_t cap);

#endif
