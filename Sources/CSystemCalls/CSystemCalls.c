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
