#!/usr/bin/env python3
"""The suite's loops written with multiprocessing.Pool (standard library only).

    pool_kernels.py KERNEL PROCESSES [SIZE [SIZE2]]

KERNEL is dot, mandelbrot, imb_tri, imb_rand or empty_loop; the loops are the
ones of bench/kernels/*.c (same formulas and checksums), at sizes that suit
pure Python, which is some 50-100x slower per element than C: compare these
figures with each other (time, and speed-up of 2 processes over 1), not with
the C builds.  The Pool is created once, before anything is timed, and its
processes live for the whole program (persistent workers).  Output: the
suite's result line, `result kernel=py_NAME metric=UNIT value=V checksum=C`.
"""
import multiprocessing
import statistics
import sys
import time

MASK = (1 << 64) - 1

# Inputs live in globals set before the Pool forks, so the workers inherit
# them and only indices travel through the Pool's pipes.
X = Y = None
N = AVG = MAXITER = 0


def dot_chunk(bounds):
    lo, hi = bounds
    return sum(X[i] * Y[i] for i in range(lo, hi))


def mandel_row(y):
    ci = -1.5 + 3.0 * y / N
    row, inside = 0, 0
    for x in range(N):
        cr = -2.0 + 3.0 * x / N
        zr = zi = 0.0
        k = 0
        while k < MAXITER and zr * zr + zi * zi <= 4.0:
            zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
            k += 1
        row += k
        inside += k == MAXITER
    return row, inside


def hash64(x):
    x ^= x >> 33
    x = (x * 0xff51afd7ed558ccd) & MASK
    x ^= x >> 33
    x = (x * 0xc4ceb9fe1a85ec53) & MASK
    return x ^ (x >> 33)


def cost(kind, i):
    if kind == "imb_tri":
        return int(AVG * 2.0 * i / N)
    u = (hash64(i) >> 11) * 2.0 ** -53
    return int(4.0 * AVG * u * u * u)


def work(kind, i):
    x = i | 1
    for _ in range(cost(kind, i)):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
    return x


def work_tri(i):
    return work("imb_tri", i)


def work_rand(i):
    return work("imb_rand", i)


def nothing(i):
    return 1


def result(kernel, metric, value, checksum):
    print(f"result kernel=py_{kernel} metric={metric} value={value:.6g} checksum={checksum}",
          flush=True)


def main():
    global X, Y, N, AVG, MAXITER
    kernel, procs = sys.argv[1], int(sys.argv[2])
    sizes = [int(a) for a in sys.argv[3:]]
    if kernel == "dot":
        N = sizes[0] if sizes else 2000000
        X = [float(i % 13) for i in range(N)]
        Y = [float(i % 7) for i in range(N)]
    elif kernel == "mandelbrot":
        N, MAXITER = (sizes + [400, 300][len(sizes):])[:2]
    elif kernel in ("imb_tri", "imb_rand"):
        N, AVG = (sizes + [4000, 1000][len(sizes):])[:2]
    elif kernel == "empty_loop":
        N = sizes[0] if sizes else 1000
    else:
        sys.exit(f"pool_kernels.py: unknown kernel {kernel}")
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        pool.map(nothing, range(procs))           # the workers are up
        if kernel == "dot":
            times = []
            chunks = 4 * procs
            bounds = [(N * c // chunks, N * (c + 1) // chunks) for c in range(chunks)]
            for _ in range(5):
                t0 = time.perf_counter()
                total = sum(pool.map(dot_chunk, bounds))
                times.append(time.perf_counter() - t0)
            result(kernel, "s", statistics.median(times), f"{total:.0f}")
        elif kernel == "mandelbrot":
            t0 = time.perf_counter()
            rows = pool.map(mandel_row, range(N), chunksize=1)
            t = time.perf_counter() - t0
            result(kernel, "s", t, f"{sum(r[1] for r in rows)}:{sum(r[0] for r in rows)}")
        elif kernel in ("imb_tri", "imb_rand"):
            fn = work_tri if kernel == "imb_tri" else work_rand
            t0 = time.perf_counter()
            total = sum(pool.map(fn, range(N), chunksize=8)) & MASK
            t = time.perf_counter() - t0
            result(kernel, "s", t, total)
        else:
            times = []
            count = 0
            for _ in range(N):
                t0 = time.perf_counter()
                count += sum(pool.map(nothing, range(1024)))
                times.append(time.perf_counter() - t0)
            result(kernel, "us", 1e6 * statistics.median(times), count)


if __name__ == "__main__":
    main()
