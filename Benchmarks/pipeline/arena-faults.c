/* What the fault of a fresh page costs cmark-gfm's parse, and what faulting
 * the arena's chunks in ahead on a thread of their own gains (docs/
 * performance.md, "Fresh pages, faulted in beside the parse"). The arena is
 * CmarkArena's in miniature: 1 MB chunks, records apart from text, nothing
 * freed until the end.
 *
 *   cc -O2 -pthread Benchmarks/pipeline/arena-faults.c -lcmark-gfm -lcmark-gfm-extensions -o /tmp/arena-faults
 *   python3 Benchmarks/pipeline/generate.py large /tmp/large.md
 *   for i in $(seq 15); do for m in 0 1 2; do /tmp/arena-faults $m /tmp/large.md; done; done
 *   /tmp/arena-faults touch     # one byte written to each page of 64 chunks, then with MAP_POPULATE
 *
 * Modes: 0, chunks mapped as needed and faulted by the parse; 1, each chunk
 * mapped with MAP_POPULATE by the parsing thread; 2, chunks mapped with
 * MAP_POPULATE by a supply thread that keeps eight ready. Each run prints
 * the parse's time, the time with the supply stopped and joined, and how
 * many chunks the tree took.
 */
#define _GNU_SOURCE
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define CHUNK (1 << 20)
#define HEADER 16
#define AHEAD 8

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static char *map_chunk(int populate) {
    char *chunk = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | (populate ? MAP_POPULATE : 0), -1, 0);
    if (chunk == MAP_FAILED) { perror("mmap"); exit(1); }
    return chunk;
}

/* The supply: chunks faulted in ahead, under `lock`. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static char *ready[AHEAD];
static int ready_count, stopped;

static void *supply(void *unused) {
    (void)unused;
    pthread_mutex_lock(&lock);
    while (!stopped) {
        if (ready_count >= AHEAD) { pthread_cond_wait(&changed, &lock); continue; }
        pthread_mutex_unlock(&lock);
        char *chunk = map_chunk(1);
        pthread_mutex_lock(&lock);
        ready[ready_count++] = chunk;
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static int mode;
static size_t chunks_used;

static char *next_chunk(void) {
    chunks_used++;
    if (mode == 2) {
        pthread_mutex_lock(&lock);
        if (ready_count > 0) {
            char *chunk = ready[0];
            memmove(ready, ready + 1, (size_t)--ready_count * sizeof(char *));
            pthread_cond_signal(&changed);
            pthread_mutex_unlock(&lock);
            return chunk;
        }
        pthread_mutex_unlock(&lock);
    }
    return map_chunk(mode == 1);
}

typedef struct { char *cursor; size_t left; } region;
static region records, text;

static size_t total(size_t size) { return (size + HEADER + 15) & ~(size_t)15; }

static char *carve(region *r, size_t n) {
    if (n > CHUNK / 4) return malloc(n);
    if (n > r->left) { r->cursor = next_chunk(); r->left = CHUNK; }
    char *block = r->cursor;
    r->cursor += n;
    r->left -= n;
    return block;
}

static void *arena_calloc(size_t count, size_t size) {
    size_t n = count * size, t = total(n);
    char *block = carve(&records, t);
    if (t > CHUNK / 4) memset(block, 0, t);
    *(size_t *)block = n;
    return block + HEADER;
}

static void *arena_realloc(void *pointer, size_t size) {
    char *block = carve(&text, total(size));
    *(size_t *)block = size;
    if (pointer) {
        size_t old = *(size_t *)((char *)pointer - HEADER);
        memcpy(block + HEADER, pointer, old < size ? old : size);
    }
    return block + HEADER;
}

static void arena_free(void *pointer) { (void)pointer; }

static void touch(void) {
    /* Each way twice, alternating. */
    for (int run = 0; run < 4; run++) {
        int populate = run % 2;
        double start = now_ms();
        for (int i = 0; i < 64; i++) {
            char *chunk = map_chunk(populate);
            for (size_t k = 0; k < CHUNK; k += 4096) chunk[k] = 1;
        }
        printf("touch %s: %.1f ms\n", populate ? "MAP_POPULATE" : "faulted", now_ms() - start);
    }
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "touch") == 0) { touch(); return 0; }
    if (argc != 3) { fprintf(stderr, "usage: arena-faults 0|1|2 FILE.md | arena-faults touch\n"); return 2; }
    mode = atoi(argv[1]);
    FILE *file = fopen(argv[2], "rb");
    if (!file) { perror(argv[2]); return 1; }
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *source = malloc((size_t)length);
    if (fread(source, 1, (size_t)length, file) != (size_t)length) { perror("fread"); return 1; }
    fclose(file);

    cmark_gfm_core_extensions_ensure_registered();
    cmark_mem memory = {arena_calloc, arena_realloc, arena_free};
    pthread_t supplier;
    if (mode == 2 && pthread_create(&supplier, NULL, supply, NULL) != 0) { fprintf(stderr, "no supply thread\n"); return 1; }
    double start = now_ms();
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, &memory);
    const char *names[] = {"table", "strikethrough", "tasklist", "tagfilter"};
    for (int i = 0; i < 4; i++) cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[i]));
    cmark_parser_feed(parser, source, (size_t)length);
    cmark_node *root = cmark_parser_finish(parser);
    double parsed = now_ms();
    if (mode == 2) {
        pthread_mutex_lock(&lock);
        stopped = 1;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
        pthread_join(supplier, NULL);
    }
    /* The supply's end (as the arena's release waits for it) counted too. */
    printf("mode %d: parse %.1f ms, %.1f ms with the supply ended, %zu chunks\n", mode, parsed - start, now_ms() - start, chunks_used);
    return root == NULL;
}
