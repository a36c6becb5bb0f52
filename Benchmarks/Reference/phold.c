/* PHOLD on a hand-written binary heap: the yardstick for Gigawatt's event kernel.
 *
 * Does exactly the work of `gigawatt-bench kernel` (Benchmarks/Sources/gigawatt-bench/PHOLD.swift):
 * the same 32-byte event, the same (time, phase<<56 | sequence) order, the same hole-moving sift
 * loops, the same per-process xoshiro256** streams seeded through SplitMix64 from (seed, "lp", i),
 * the same Exp(1) draw and nanosecond rounding. It therefore reaches the same final time and
 * checksum, which the harness checks, so the two timings compare equal work.
 *
 * Usage: phold PROCESSES EVENTS_PER_PROCESS MAX_EVENTS SEED
 * Prints one line: events=N final_ns=T checksum=C seconds=S peak_rss_kib=K
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { int64_t time; uint64_t key; uint64_t payload; uint32_t subject; uint16_t kind; } event_t;
typedef struct { uint64_t s0, s1, s2, s3; } rng_t;

static event_t *heap; static size_t count, capacity;

static inline int precedes(const event_t *a, const event_t *b) {
    if (a->time != b->time) return a->time < b->time;
    return a->key < b->key;
}

static void push(event_t e) {
    if (count == capacity) { capacity = capacity ? capacity * 2 : 1024; heap = realloc(heap, capacity * sizeof(event_t)); }
    size_t hole = count++;
    while (hole > 0) {
        size_t parent = (hole - 1) >> 1;
        if (!precedes(&e, &heap[parent])) break;
        heap[hole] = heap[parent]; hole = parent;
    }
    heap[hole] = e;
}

static event_t pop(void) {
    event_t top = heap[0], last = heap[--count];
    if (count == 0) return top;
    size_t hole = 0;
    for (;;) {
        size_t left = 2 * hole + 1;
        if (left >= count) break;
        size_t child = left;
        if (left + 1 < count && precedes(&heap[left + 1], &heap[left])) child = left + 1;
        if (!precedes(&heap[child], &last)) break;
        heap[hole] = heap[child]; hole = child;
    }
    heap[hole] = last;
    return top;
}

static inline uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next(rng_t *r) {
    uint64_t result = rotl(r->s1 * 5, 7) * 9, t = r->s1 << 17;
    r->s2 ^= r->s0; r->s3 ^= r->s1; r->s1 ^= r->s2; r->s0 ^= r->s3; r->s2 ^= t; r->s3 = rotl(r->s3, 45);
    return result;
}
/* StreamKey(domain, index).digest, then RandomStream(seed:key:). */
static rng_t stream(uint64_t seed, const char *domain, uint64_t index) {
    uint64_t h = 0xCBF29CE484222325ULL;
    for (const unsigned char *p = (const unsigned char *)domain; *p; p++) h = (h ^ *p) * 0x00000100000001B3ULL;
    uint64_t digest = mix(h ^ mix(index + 0x9E3779B97F4A7C15ULL));
    uint64_t state = mix(seed) ^ digest;
    rng_t r;
    state += 0x9E3779B97F4A7C15ULL; r.s0 = mix(state);
    state += 0x9E3779B97F4A7C15ULL; r.s1 = mix(state);
    state += 0x9E3779B97F4A7C15ULL; r.s2 = mix(state);
    state += 0x9E3779B97F4A7C15ULL; r.s3 = mix(state);
    if ((r.s0 | r.s1 | r.s2 | r.s3) == 0) r.s0 = 1;
    return r;
}
static inline uint64_t below(rng_t *r, uint64_t bound) {
    __uint128_t m = (__uint128_t)next(r) * bound;
    if ((uint64_t)m < bound) {
        uint64_t threshold = (0 - bound) % bound;
        while ((uint64_t)m < threshold) m = (__uint128_t)next(r) * bound;
    }
    return (uint64_t)(m >> 64);
}
static inline double open_unit(rng_t *r) { return (double)((next(r) >> 11) + 1) * 0x1.0p-53; }

/* One PHOLD time unit is 1 ms = 1e6 ns; delay = 0.1 + Exp(mean 1). */
static inline int64_t delay_ns(rng_t *r) {
    double units = 0.1 + -1.0 * log(open_unit(r));
    return (int64_t)nearbyint(units * 1e6);
}

static long peak_rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r"); char line[256]; long kib = -1;
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) if (strncmp(line, "VmHWM:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    fclose(f); return kib;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: phold PROCESSES EVENTS_PER_PROCESS MAX_EVENTS SEED\n"); return 2; }
    uint64_t processes = strtoull(argv[1], NULL, 10), per = strtoull(argv[2], NULL, 10);
    uint64_t max_events = strtoull(argv[3], NULL, 10), seed = strtoull(argv[4], NULL, 10);
    const uint64_t phase = (uint64_t)128 << 56;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rng_t *rngs = malloc(processes * sizeof(rng_t));
    for (uint64_t i = 0; i < processes; i++) rngs[i] = stream(seed, "lp", i);
    uint64_t sequence = 0;
    for (uint64_t i = 0; i < processes; i++)
        for (uint64_t k = 0; k < per; k++) {
            event_t e = { delay_ns(&rngs[i]), phase | sequence++, 0, (uint32_t)i, 1 };
            push(e);
        }
    uint64_t handled = 0, checksum = 0; int64_t now = 0;
    while (handled < max_events && count > 0) {
        event_t e = pop();
        now = e.time; handled++;
        checksum = checksum * 31 + e.subject;
        rng_t *r = &rngs[e.subject];
        uint32_t target = (uint32_t)below(r, processes);
        event_t n = { now + delay_ns(r), phase | sequence++, 0, target, 1 };
        push(n);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    printf("events=%llu final_ns=%lld checksum=%llu seconds=%.6f peak_rss_kib=%ld\n",
           (unsigned long long)handled, (long long)now, (unsigned long long)checksum, seconds, peak_rss_kib());
    return 0;
}
