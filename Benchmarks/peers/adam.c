/* The notes' do_adam_sgd in plain C: per-point Adam on the toy set, written in adalab's
 * arithmetic order, so its final w and b agree with adalab's to the last bit.
 *
 *   z = b + w*x; f = 1/(1+exp(-z)); slope = (f-y)*f*(1-f); dw = slope*x; db = slope
 *   m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g
 *   m_hat = m/(1-b1^k); v_hat = v/(1-b2^k)  with k the 1-based EPOCH (the listing's quirk)
 *   rate = eta/(sqrt(v_hat)+eps); theta -= rate*m_hat
 *
 * Usage: adam UPDATES  -> prints "w b" with 17 significant digits and the time per update
 * (the loop alone) on stderr. This is the practical limit of a sequential update chain:
 * every update needs the previous one, so nothing vectorises. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  long updates = argc > 1 ? atol(argv[1]) : 10000000;
  const double X[2] = {0.5, 2.5}, Y[2] = {0.2, 0.9};
  const double eta = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-10;
  double w = -4, b = -4, m_w = 0, m_b = 0, v_w = 0, v_b = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long t = 1; t <= updates; t++) {
    long i = (t - 1) % 2, epoch = (t - 1) / 2;
    double x = X[i], y = Y[i];
    double z = b + w * x;
    double f = 1 / (1 + exp(-z));
    double slope = (f - y) * f * (1 - f);
    double dw = slope * x, db = slope;
    double c1 = 1 - pow(beta1, (double)(epoch + 1));
    double c2 = 1 - pow(beta2, (double)(epoch + 1));
    m_w = beta1 * m_w + (1 - beta1) * dw;
    v_w = beta2 * v_w + (1 - beta2) * dw * dw;
    m_b = beta1 * m_b + (1 - beta1) * db;
    v_b = beta2 * v_b + (1 - beta2) * db * db;
    double m_w_hat = m_w / c1, v_w_hat = v_w / c2;
    double m_b_hat = m_b / c1, v_b_hat = v_b / c2;
    w -= eta / (sqrt(v_w_hat) + eps) * m_w_hat;
    b -= eta / (sqrt(v_b_hat) + eps) * m_b_hat;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  printf("%.17g %.17g\n", w, b);
  fprintf(stderr, "%.1f ns per update\n", 1e9 * seconds / (double)updates);
  return 0;
}
