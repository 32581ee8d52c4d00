/* One-shot burst client for Tests/bench/burst.py: opens one fresh connection per request, all at once, and
 * reports each answer. A C event loop (epoll) so that the client, which shares the 2 cores with the server,
 * costs a fraction of what a Python asyncio client costs for thousands of connections.
 *
 * Usage: burstclient PORT REQUESTS_FILE TIMEOUT_SECONDS
 * REQUESTS_FILE holds each request as "<length>\n" followed by exactly <length> bytes (the whole HTTP request,
 * with "Connection: close"). Output, one record per request in input order:
 * "<index> <status> <latency_microseconds> <body_length>\n<body>\n"; status 0 means a failure, and the body is
 * then the error's text. Latency runs from connect() to the server closing the connection after its answer.
 * Only connects to 127.0.0.1; bounded by TIMEOUT_SECONDS. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *request; size_t request_len, sent;
    char *reply; size_t reply_len, reply_cap;
    int fd, done, status;
    double start, end;
    const char *error;
} Conn;

static double now(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void finish(Conn *c, int epfd, const char *error) {
    if (c->done) return;
    c->done = 1; c->end = now(); c->error = error;
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    if (!error) {
        if (c->reply_len > 12 && memcmp(c->reply, "HTTP/1.1 ", 9) == 0) c->status = atoi(c->reply + 9);
        else c->error = "no HTTP status line";
    }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s PORT REQUESTS_FILE TIMEOUT_SECONDS\n", argv[0]); return 2; }
    int port = atoi(argv[1]); double timeout = atof(argv[3]);
    FILE *in = fopen(argv[2], "rb");
    if (!in) { perror(argv[2]); return 2; }
    size_t count = 0, cap = 1024; Conn *conns = calloc(cap, sizeof(Conn));
    size_t len;
    while (fscanf(in, "%zu\n", &len) == 1) {
        if (count == cap) { cap *= 2; conns = realloc(conns, cap * sizeof(Conn)); memset(conns + count, 0, (cap - count) * sizeof(Conn)); }
        Conn *c = &conns[count++];
        c->request = malloc(len); c->request_len = len;
        if (fread(c->request, 1, len, in) != len) { fprintf(stderr, "%s: truncated request %zu\n", argv[2], count); return 2; }
    }
    fclose(in);
    struct rlimit lim = { count + 64, count + 64 };
    if (setrlimit(RLIMIT_NOFILE, &lim) != 0) { perror("setrlimit"); return 2; }

    int epfd = epoll_create1(0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    struct epoll_event events[256];
    size_t opened = 0, finished = 0;
    double deadline = now() + timeout;
    while (finished < count && now() < deadline) {
        /* open the next connections a few dozen at a time, answering events in between */
        for (int k = 0; k < 64 && opened < count; k++, opened++) {
            Conn *c = &conns[opened];
            c->start = now();
            c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (c->fd < 0) { c->done = 1; c->end = now(); c->error = "socket() failed"; finished++; continue; }
            int one = 1; setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0 && errno != EINPROGRESS) {
                close(c->fd); c->done = 1; c->end = now(); c->error = "connect() failed"; finished++; continue;
            }
            struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN | EPOLLRDHUP, .data.ptr = c };
            epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
        }
        int n = epoll_wait(epfd, events, 256, opened < count ? 0 : 100);
        for (int i = 0; i < n; i++) {
            Conn *c = events[i].data.ptr;
            if (c->done) continue;
            if ((events[i].events & EPOLLOUT) && c->sent < c->request_len) {
                ssize_t w = send(c->fd, c->request + c->sent, c->request_len - c->sent, MSG_NOSIGNAL);
                if (w > 0) c->sent += w;
                else if (w < 0 && errno != EAGAIN) { finish(c, epfd, "send() failed"); finished++; continue; }
                if (c->sent == c->request_len) {
                    struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = c };
                    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
                }
            }
            if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
                for (;;) {
                    if (c->reply_cap - c->reply_len < 4096) {
                        c->reply_cap = c->reply_cap ? c->reply_cap * 2 : 8192;
                        c->reply = realloc(c->reply, c->reply_cap);
                    }
                    ssize_t r = recv(c->fd, c->reply + c->reply_len, c->reply_cap - c->reply_len, 0);
                    if (r > 0) { c->reply_len += r; continue; }
                    if (r == 0) { finish(c, epfd, NULL); finished++; }
                    else if (errno != EAGAIN) { finish(c, epfd, c->reply_len ? NULL : "connection reset"); finished++; }
                    break;
                }
            }
        }
    }
    for (size_t i = 0; i < count; i++) {
        Conn *c = &conns[i];
        if (!c->done) { c->end = now(); c->error = "timed out"; }
        const char *body = "";
        size_t body_len = 0;
        if (!c->error) {
            char *split = memmem(c->reply, c->reply_len, "\r\n\r\n", 4);
            if (split) { body = split + 4; body_len = c->reply_len - (size_t)(split + 4 - c->reply); }
        } else { body = c->error; body_len = strlen(c->error); }
        printf("%zu %d %.0f %zu\n", i, c->error ? 0 : c->status, (c->end - c->start) * 1e6, body_len);
        fwrite(body, 1, body_len, stdout);
        putchar('\n');
    }
    return 0;
}
