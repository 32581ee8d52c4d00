/* LD_PRELOAD shim for wrk: binds every new IPv4 connection to 127.0.0.1 to the next of SRCADDR_POOL loopback
 * source addresses (127.1.0.0 + n), so a per-address rate limit (the server allows 60 public certificate look-ups
 * a minute per address) sees many clients, as it would in the field where every phone has its own address.
 * Only connections to 127.0.0.1 are touched; everything stays on the loopback interface.
 *
 * Build: cc -shared -fPIC -O2 -o srcaddr.so srcaddr.c -ldl
 * Use:   SRCADDR_POOL=4096 LD_PRELOAD=./srcaddr.so wrk -H 'Connection: close' ...
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static unsigned long counter;

int connect(int fd, const struct sockaddr *addr, socklen_t len) {
    static int (*real_connect)(int, const struct sockaddr *, socklen_t);
    if (!real_connect) real_connect = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
    if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *to = (const struct sockaddr_in *)addr;
        if (to->sin_addr.s_addr == htonl(INADDR_LOOPBACK)) {
            const char *pool_text = getenv("SRCADDR_POOL");
            unsigned long pool = pool_text ? strtoul(pool_text, NULL, 10) : 4096;
            if (pool < 1) pool = 1;
            if (pool > 65000) pool = 65000;
            unsigned long n = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED) % pool;
            struct sockaddr_in from;
            memset(&from, 0, sizeof from);
            from.sin_family = AF_INET;
            from.sin_port = 0;
            from.sin_addr.s_addr = htonl((127u << 24) | (1u << 16) | (unsigned)(n + 1));
            bind(fd, (struct sockaddr *)&from, sizeof from); /* on failure, connect as usual */
        }
    }
    return real_connect(fd, addr, len);
}
