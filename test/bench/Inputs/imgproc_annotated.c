/*
 * imgproc_annotated.c - examples/imgproc.c with `#pragma mploop for` added
 * by hand above its parallel loops (nothing else changed), for
 * docs/measuring.md and test/bench/imgproc.test: the image is drawn, blurred
 * (both passes), edge-filtered (two reductions), quantized and equalized on
 * workers; the histogram (an array updated at data-dependent indices), the
 * cumulative histogram and the checksum (each step needs the previous one)
 * stay sequential.
 *
 * The original's description follows.  A small image-processing program
 * written without any thought of parallelism: it draws a synthetic
 * photograph, smooths it with a separable Gaussian blur, finds edges with a
 * Sobel filter, equalizes the histogram and prints statistics.
 *
 *   cc -O2 imgproc.c -o imgproc -lm && ./imgproc [width height [passes]]
 *   ./imgproc 3000 2000 12 out.pgm    also writes the equalized image
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TAPS 7

/* The Gaussian weights of a TAPS-tap blur with the given sigma. */
static void gaussian(double *w, double sigma)
{
    double total = 0.0;
    for (int k = 0; k < TAPS; k++) {
        double d = k - TAPS / 2;
        w[k] = exp(-d * d / (2 * sigma * sigma));
        total += w[k];
    }
    for (int k = 0; k < TAPS; k++)
        w[k] /= total;
}

/* A synthetic scene: gradients, rings and a little deterministic noise. */
static void draw(float *img, int width, int height)
{
#pragma mploop for schedule(static)
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            double cx = x - width / 2.0, cy = y - height / 3.0;
            double r = sqrt(cx * cx + cy * cy);
            unsigned h = (unsigned)(x * 73856093u ^ y * 19349663u);
            img[y * width + x] = (float)(0.5 + 0.3 * sin(r / 9.0) + 0.2 * x / width +
                                         0.05 * ((h % 1000) / 1000.0 - 0.5));
        }
    }
}

/* One blur pass: horizontally from src into tmp, then vertically back into
 * src; the border rows and columns keep their values. */
static void blur(float *src, float *tmp, int width, int height, const double *w)
{
#pragma mploop for schedule(static)
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            if (x < TAPS / 2 || x >= width - TAPS / 2) {
                tmp[y * width + x] = src[y * width + x];
                continue;
            }
            double acc = 0.0;
            for (int k = 0; k < TAPS; k++)
                acc += w[k] * src[y * width + x + k - TAPS / 2];
            tmp[y * width + x] = (float)acc;
        }
    }
#pragma mploop for schedule(static)
    for (int y = TAPS / 2; y < height - TAPS / 2; y++) {
        for (int x = 0; x < width; x++) {
            double acc = 0.0;
            for (int k = 0; k < TAPS; k++)
                acc += w[k] * tmp[(y + k - TAPS / 2) * width + x];
            src[y * width + x] = (float)acc;
        }
    }
}

int main(int argc, char **argv)
{
    int width = argc > 1 ? atoi(argv[1]) : 3000;
    int height = argc > 2 ? atoi(argv[2]) : 2000;
    int passes = argc > 3 ? atoi(argv[3]) : 12;
    if (width < 16 || height < 16 || passes < 0) {
        fprintf(stderr, "usage: imgproc [width height [passes [out.pgm]]]\n");
        return 2;
    }
    size_t n = (size_t)width * height;
    float *img = malloc(n * sizeof *img), *tmp = malloc(n * sizeof *tmp);
    float *edge = malloc(n * sizeof *edge);
    unsigned char *gray = malloc(n);
    long hist[256] = { 0 }, cdf[256];
    unsigned char lut[256];
    if (!img || !tmp || !edge || !gray) {
        fprintf(stderr, "imgproc: out of memory\n");
        return 1;
    }

    double w[TAPS];
    gaussian(w, 1.6);
    draw(img, width, height);
    for (int p = 0; p < passes; p++)
        blur(img, tmp, width, height, w);

    /* Sobel edge strength; the border is 0 */
    double energy = 0.0;
    float strongest = 0.0f;
#pragma mploop for reduction(+:energy) reduction(max:strongest) schedule(static)
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            float g = 0.0f;
            if (y > 0 && y < height - 1 && x > 0 && x < width - 1) {
                const float *r0 = img + (y - 1) * width + x, *r1 = r0 + width, *r2 = r1 + width;
                float gx = (r0[1] + 2 * r1[1] + r2[1]) - (r0[-1] + 2 * r1[-1] + r2[-1]);
                float gy = (r2[-1] + 2 * r2[0] + r2[1]) - (r0[-1] + 2 * r0[0] + r0[1]);
                g = sqrtf(gx * gx + gy * gy);
            }
            edge[y * width + x] = g;
            energy += g;
            if (g > strongest)
                strongest = g;
        }
    }

    /* 8-bit quantization, histogram, cumulative histogram, equalization */
#pragma mploop for schedule(static)
    for (size_t i = 0; i < n; i++) {
        float v = img[i] < 0.0f ? 0.0f : img[i] > 1.0f ? 1.0f : img[i];
        gray[i] = (unsigned char)(v * 255.0f + 0.5f);
    }
    for (size_t i = 0; i < n; i++)
        hist[gray[i]]++;
    cdf[0] = hist[0];
    for (int v = 1; v < 256; v++)
        cdf[v] = cdf[v - 1] + hist[v];
    for (int v = 0; v < 256; v++)
        lut[v] = (unsigned char)((cdf[v] * 255 + n / 2) / n);
#pragma mploop for schedule(static)
    for (size_t i = 0; i < n; i++)
        gray[i] = lut[gray[i]];

    unsigned long check = 0;
    for (size_t i = 0; i < n; i++)
        check = check * 31 + gray[i];
    printf("image %dx%d, %d blur passes\n", width, height, passes);
    printf("edge energy %.1f, strongest edge %.4f\n", energy, strongest);
    printf("equalized image checksum %016lx\n", check);

    if (argc > 4) {
        FILE *f = fopen(argv[4], "wb");
        if (!f || fprintf(f, "P5\n%d %d\n255\n", width, height) < 0 ||
            fwrite(gray, 1, n, f) != n || fclose(f) != 0) {
            perror(argv[4]);
            return 1;
        }
    }
    free(img), free(tmp), free(edge), free(gray);
    return 0;
}
