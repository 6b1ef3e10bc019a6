/*
 * The benchmark's stub model server: as fast as practical, so that it is never the bottleneck.
 *
 *   cc -O2 -pthread -o stub-upstream stub-upstream.c
 *   ./stub-upstream PORT [THREADS]        (binds 127.0.0.1 only; THREADS defaults to 2)
 *
 * HTTP/1.1 with keep-alive (and pipelining), one epoll loop per thread on its own SO_REUSEPORT socket.
 *   POST /v1/chat/completions  -> a fixed ~1 KB chat.completion with usage, or, when the body has
 *                                 "stream": true, 20 SSE events (data: {...}) and data: [DONE], no delays,
 *                                 each event one HTTP chunk
 *   GET  /v1/models            -> one model
 *   anything else              -> 404 in OpenAI's error shape
 * Request bodies may come with Content-Length or chunked; "Expect: 100-continue" is answered.
 * Every answer carries the id "chatcmpl-moat-bench-stub", so the benchmark can tell it came from here.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_REQUEST (2 * 1024 * 1024)
#define CHUNKS 20

typedef struct { char *data; size_t len; } buf_t;

static buf_t answer_json, answer_stream, answer_models, answer_404, continue_100;
static int port;

typedef struct {
    int fd;
    char *in; size_t in_len, in_cap;
    const char *out; size_t out_len, out_off;   /* pending write (points into a static answer) */
    int close_after, sent_continue;
} conn_t;

/* ---------- building the fixed answers once ---------- */

static void append(buf_t *b, const char *s, size_t n) {
    b->data = realloc(b->data, b->len + n + 1);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

static void appendf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void appendf(buf_t *b, const char *fmt, ...) {
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    append(b, tmp, (size_t) n);
}

static buf_t with_headers(const char *status, const char *type, const buf_t *body) {
    buf_t r = {0};
    appendf(&r, "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n", status, type, body->len);
    append(&r, body->data, body->len);
    return r;
}

static void build_answers(void) {
    static const char *words =
        "HTTP caching lets a client or a proxy keep a copy of a response and reuse it for later requests. "
        "The server says how long a copy stays fresh with Cache-Control max-age, and validators such as ETag "
        "or Last-Modified let a cache ask cheaply whether a stale copy is still good: the server answers "
        "304 Not Modified without a body when it is. Private answers must not be stored by shared caches, "
        "and no-store keeps them out of every cache. Vary names the request headers that select a variant, "
        "so a cache keeps one copy per language or encoding. Without an explicit lifetime a cache may use a "
        "heuristic one, and stale-while-revalidate lets it answer at once while it refreshes the copy. Good "
        "caching saves bandwidth and time.";
    buf_t body = {0};
    appendf(&body, "{\"id\":\"chatcmpl-moat-bench-stub\",\"object\":\"chat.completion\",\"created\":1767225600,"
                   "\"model\":\"bench-model\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,"
                   "\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},\"logprobs\":null,"
                   "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":120,"
                   "\"total_tokens\":132}}", words);
    answer_json = with_headers("200 OK", "application/json", &body);

    buf_t s = {0};
    appendf(&s, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                "Transfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < CHUNKS + 1; i++) {
        char event[1024];
        int n;
        if (i == 0) {
            n = snprintf(event, sizeof event, "data: {\"id\":\"chatcmpl-moat-bench-stub\",\"object\":"
                "\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"bench-model\",\"choices\":[{\"index\":0,"
                "\"delta\":{\"role\":\"assistant\",\"content\":\"Token0 \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        } else if (i < CHUNKS - 1) {
            n = snprintf(event, sizeof event, "data: {\"id\":\"chatcmpl-moat-bench-stub\",\"object\":"
                "\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"bench-model\",\"choices\":[{\"index\":0,"
                "\"delta\":{\"content\":\"Token%d \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n", i);
        } else if (i == CHUNKS - 1) {
            n = snprintf(event, sizeof event, "data: {\"id\":\"chatcmpl-moat-bench-stub\",\"object\":"
                "\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"bench-model\",\"choices\":[{\"index\":0,"
                "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
                "\"completion_tokens\":19,\"total_tokens\":31}}\n\n");
        } else {
            n = snprintf(event, sizeof event, "data: [DONE]\n\n");
        }
        appendf(&s, "%x\r\n", n);
        append(&s, event, (size_t) n);
        append(&s, "\r\n", 2);
    }
    append(&s, "0\r\n\r\n", 5);
    answer_stream = s;

    buf_t models = {0};
    appendf(&models, "{\"object\":\"list\",\"data\":[{\"id\":\"bench-model\",\"object\":\"model\",\"created\":1767225600,"
                     "\"owned_by\":\"moat-bench-stub\"}]}");
    answer_models = with_headers("200 OK", "application/json", &models);

    buf_t nf = {0};
    appendf(&nf, "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\",\"param\":null,"
                 "\"code\":\"not_found\"}}");
    answer_404 = with_headers("404 Not Found", "application/json", &nf);

    append(&continue_100, "HTTP/1.1 100 Continue\r\n\r\n", 25);
}

/* ---------- parsing ---------- */

/* The value of header NAME within [h, end), or NULL; *vlen gets its length. */
static const char *header(const char *h, const char *end, const char *name, size_t *vlen) {
    size_t nlen = strlen(name);
    const char *p = memchr(h, '\n', (size_t) (end - h));          /* skip the request line */
    while (p && p + 1 < end) {
        p++;
        const char *eol = memchr(p, '\n', (size_t) (end - p));
        if (!eol) break;
        if ((size_t) (eol - p) > nlen && p[nlen] == ':' && strncasecmp(p, name, nlen) == 0) {
            const char *v = p + nlen + 1;
            while (v < eol && (*v == ' ' || *v == '\t')) v++;
            const char *ve = eol;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ')) ve--;
            *vlen = (size_t) (ve - v);
            return v;
        }
        p = eol;
    }
    return NULL;
}

/* Whether the JSON body asks for a stream: "stream" : true (not "stream_options"). */
static int wants_stream(const char *b, size_t n) {
    const char *end = b + n;
    for (const char *p = b; (p = memmem(p, (size_t) (end - p), "\"stream\"", 8)) != NULL; p += 8) {
        const char *q = p + 8;
        while (q < end && isspace((unsigned char) *q)) q++;
        if (q >= end || *q != ':') continue;
        q++;
        while (q < end && isspace((unsigned char) *q)) q++;
        return end - q >= 4 && memcmp(q, "true", 4) == 0;
    }
    return 0;
}

/*
 * Dechunks a chunked body in place starting at B (n bytes available). Returns the bytes consumed when the
 * body is complete (and *body_len the decoded length), 0 when more is needed, -1 when malformed.
 */
static long dechunk(char *b, size_t n, size_t *body_len) {
    size_t r = 0, w = 0;
    for (;;) {
        char *eol = memmem(b + r, n - r, "\r\n", 2);
        if (!eol) return 0;
        char *endp;
        unsigned long size = strtoul(b + r, &endp, 16);
        if (endp == b + r) return -1;
        r = (size_t) (eol - b) + 2;
        if (size == 0) {                                 /* trailers end with an empty line */
            for (;;) {
                char *e = memmem(b + r, n - r, "\r\n", 2);
                if (!e) return 0;
                size_t l = (size_t) (e - (b + r));
                r += l + 2;
                if (l == 0) { *body_len = w; return (long) r; }
            }
        }
        if (n - r < size + 2) return 0;
        memmove(b + w, b + r, size);
        w += size;
        r += size + 2;
    }
}

/* ---------- the loop ---------- */

static int flush_out(conn_t *c) {
    while (c->out_off < c->out_len) {
        ssize_t k = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (k < 0) return errno == EAGAIN ? 0 : -1;
        c->out_off += (size_t) k;
    }
    c->out = NULL;
    c->out_len = c->out_off = 0;
    return 1;
}

/* Handles every complete request in the input buffer. Returns -1 to close the connection. */
static int serve(conn_t *c) {
    while (c->out == NULL && c->in_len > 0) {
        char *hend = memmem(c->in, c->in_len, "\r\n\r\n", 4);
        if (!hend) return c->in_len > 64 * 1024 ? -1 : 0;
        size_t hlen = (size_t) (hend - c->in) + 4;
        size_t vlen;
        const char *v;
        int is_post = c->in_len > 5 && memcmp(c->in, "POST ", 5) == 0;
        int is_get = c->in_len > 4 && memcmp(c->in, "GET ", 4) == 0;
        const char *path = c->in + (is_post ? 5 : is_get ? 4 : 0);
        char *sp = memchr(path, ' ', (size_t) (hend - path));
        size_t plen = sp ? (size_t) (sp - path) : 0;
        int http10 = sp && hend - sp >= 9 && memcmp(sp + 1, "HTTP/1.0", 8) == 0;

        size_t consumed = hlen, body_len = 0;
        char *body = c->in + hlen;
        int chunked = (v = header(c->in, hend + 2, "Transfer-Encoding", &vlen)) && vlen >= 7
                      && strncasecmp(v, "chunked", 7) == 0;
        if (!c->sent_continue && (v = header(c->in, hend + 2, "Expect", &vlen)) && vlen == 12
            && strncasecmp(v, "100-continue", 12) == 0) {
            c->sent_continue = 1;
            if (send(c->fd, continue_100.data, continue_100.len, MSG_NOSIGNAL) < 0) return -1;
        }
        if (chunked) {
            long r = dechunk(body, c->in_len - hlen, &body_len);
            if (r < 0) return -1;
            if (r == 0) return c->in_len >= MAX_REQUEST ? -1 : 0;
            consumed += (size_t) r;
        } else if ((v = header(c->in, hend + 2, "Content-Length", &vlen))) {
            body_len = strtoul(v, NULL, 10);
            if (body_len > MAX_REQUEST) return -1;
            if (c->in_len - hlen < body_len) return 0;
            consumed += body_len;
        }
        c->sent_continue = 0;
        c->close_after = http10 || ((v = header(c->in, hend + 2, "Connection", &vlen)) && vlen == 5
                                    && strncasecmp(v, "close", 5) == 0);

        const buf_t *answer = &answer_404;
        if (is_post && plen == 20 && memcmp(path, "/v1/chat/completions", 20) == 0)
            answer = wants_stream(body, body_len) ? &answer_stream : &answer_json;
        else if (is_get && plen == 10 && memcmp(path, "/v1/models", 10) == 0)
            answer = &answer_models;

        memmove(c->in, c->in + consumed, c->in_len - consumed);
        c->in_len -= consumed;
        c->out = answer->data;
        c->out_len = answer->len;
        c->out_off = 0;
        int f = flush_out(c);
        if (f < 0) return -1;
        if (f == 1 && c->close_after) return -1;
    }
    return 0;
}

static int listen_socket(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0 || listen(fd, 1024) < 0) {
        perror("stub-upstream: bind/listen");
        exit(1);
    }
    return fd;
}

static void close_conn(int ep, conn_t *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->in);
    free(c);
}

static void *loop(void *arg) {
    int lfd = *(int *) arg;
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            conn_t *c = events[i].data.ptr;
            if (c == NULL) {                                   /* the listening socket */
                int fd;
                while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn_t *nc = calloc(1, sizeof *nc);
                    nc->fd = fd;
                    struct epoll_event ce = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = nc};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ce);
                }
                continue;
            }
            if (events[i].events & EPOLLOUT) {
                int f = flush_out(c);
                if (f < 0 || (f == 1 && c->close_after)) { close_conn(ep, c); continue; }
                if (f == 1) {
                    struct epoll_event ce = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ce);
                    if (serve(c) < 0) { close_conn(ep, c); continue; }
                }
            }
            if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
                int dead = 0;
                for (;;) {
                    if (c->in_cap - c->in_len < 16384) {
                        c->in_cap = c->in_cap ? c->in_cap * 2 : 32768;
                        if (c->in_cap > MAX_REQUEST + 65536) { dead = 1; break; }
                        c->in = realloc(c->in, c->in_cap);
                    }
                    ssize_t k = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
                    if (k > 0) { c->in_len += (size_t) k; continue; }
                    if (k == 0 || errno != EAGAIN) dead = 1;
                    break;
                }
                if (!dead && serve(c) < 0) dead = 1;
                if (dead) { close_conn(ep, c); continue; }
                if (c->out != NULL) {                           /* the kernel buffer was full */
                    struct epoll_event ce = {.events = EPOLLOUT | EPOLLRDHUP, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ce);
                }
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2 || (port = atoi(argv[1])) <= 0) {
        fprintf(stderr, "usage: %s PORT [THREADS]\n", argv[0]);
        return 2;
    }
    int threads = argc > 2 ? atoi(argv[2]) : 2;
    if (threads < 1) threads = 1;
    signal(SIGPIPE, SIG_IGN);
    build_answers();
    pthread_t tids[64];
    int fds[64];
    if (threads > 64) threads = 64;
    for (int t = 0; t < threads; t++) fds[t] = listen_socket();
    printf("stub-upstream listening on 127.0.0.1:%d (%d threads; answer %zu bytes, stream %zu bytes)\n",
           port, threads, answer_json.len, answer_stream.len);
    fflush(stdout);
    for (int t = 1; t < threads; t++) pthread_create(&tids[t], NULL, loop, &fds[t]);
    loop(&fds[0]);
    return 0;
}
