// What a system call and a thread hop cost on this machine: the parts a request is made of below the runtime.
// Build and run: gcc -O2 -pthread bench/probes/syscall_cost.c -o /tmp/syscall_cost && /tmp/syscall_cost
// Each figure is the best of 5 runs (the least disturbed by other work on a shared box).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { Runs = 5, Calls = 200000, Hops = 20000 };

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void futex_wait(_Atomic int *word, int value) {
    while (atomic_load(word) == value) syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, value, 0, 0, 0);
}

static void futex_wake(_Atomic int *word) { syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0); }

// The token passes between two threads; each pass is one hop: a wake-up and the other thread running.
static _Atomic int turn;

static void *pass_back(void *unused) {
    (void)unused;
    for (int i = 0; i < Hops; i++) {
        futex_wait(&turn, 0);
        atomic_store(&turn, 0);
        futex_wake(&turn);
    }
    return 0;
}

static double thread_hop_ns(void) {
    pthread_t other;
    pthread_create(&other, 0, pass_back, 0);
    double start = now_ns();
    for (int i = 0; i < Hops; i++) {
        atomic_store(&turn, 1);
        futex_wake(&turn);
        futex_wait(&turn, 1);
    }
    double per_hop = (now_ns() - start) / Hops / 2;
    pthread_join(other, 0);
    return per_hop;
}

int main(void) {
    // A connected loopback TCP pair, Nagle off like Npgsql's and Kestrel's sockets.
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    bind(listener, (struct sockaddr *)&address, sizeof address);
    getsockname(listener, (struct sockaddr *)&address, &length);
    listen(listener, 1);
    int client = socket(AF_INET, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&address, sizeof address);
    int server = accept(listener, 0, 0), on = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    char buffer[200];
    memset(buffer, 'x', sizeof buffer);
    static _Atomic int word;

    double best[5] = {1e18, 1e18, 1e18, 1e18, 1e18};
    for (int run = 0; run < Runs; run++) {
        double t = now_ns(), d;
        for (int i = 0; i < Calls; i++) syscall(SYS_getppid);
        if ((d = (now_ns() - t) / Calls) < best[0]) best[0] = d;
        t = now_ns();
        for (int i = 0; i < Calls; i++) sched_yield();
        if ((d = (now_ns() - t) / Calls) < best[1]) best[1] = d;
        t = now_ns();
        for (int i = 0; i < Calls; i++) futex_wake(&word);
        if ((d = (now_ns() - t) / Calls) < best[2]) best[2] = d;
        t = now_ns();
        for (int i = 0; i < Calls / 4; i++) {
            send(client, buffer, sizeof buffer, 0);
            recv(server, buffer, sizeof buffer, MSG_WAITALL);
        }
        if ((d = (now_ns() - t) / (Calls / 4)) < best[3]) best[3] = d;
        if ((d = thread_hop_ns()) < best[4]) best[4] = d;
    }
    printf("system call (getppid)            %6.2f us\n", best[0] / 1000);
    printf("sched_yield                      %6.2f us\n", best[1] / 1000);
    printf("futex wake, no waiter            %6.2f us\n", best[2] / 1000);
    printf("loopback TCP, 200 B send + recv  %6.2f us\n", best[3] / 1000);
    printf("thread hop (futex wake -> runs)  %6.2f us\n", best[4] / 1000);
    return 0;
}
