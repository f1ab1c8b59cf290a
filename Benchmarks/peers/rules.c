/* Every adalab optimizer as a plain C loop: per-point updates on the notes' toy set, written
 * in adalab's arithmetic order, so that the final w and b agree with adalab's to the last bit.
 * Benchmarks/bench.py compiles this file once per optimizer and convention, with the rule and
 * the convention's switches as macros (so each loop is as specialised as a hand-written one),
 * and passes the numbers (eta, beta, ...) on the command line.
 *
 *   cc -O2 -fno-math-errno -ffp-contract=off -DRULE=ADAM -DEPS=OUTSIDE -o adam rules.c -lm
 *   ./adam 10000000 eta=0.001 beta1=0.9 beta2=0.999 epsilon=1e-8
 *   -> "w b" with 17 significant digits on stdout, then the histories "m v u vmax" of w and
 *      of b on a second line, and the loop's time per update on stderr.
 *
 * Macros (defaults in brackets):
 *   RULE       GD MOMENTUM NAG ADAGRAD RMSPROP ADADELTA ADAM ADAMAX MAXPROP NADAM AMSGRAD ADAMW
 *   EPS        where epsilon goes: OUTSIDE eta/(sqrt(v)+eps), INSIDE eta/sqrt(v+eps),
 *              HAT (Keras Adam) eta*sqrt(1-b2^t)/(sqrt(v)+eps), MAX (AdaMax) max(b2*v,|g|+eps)
 *              [OUTSIDE]
 *   BIAS_CORRECTION  1: divide by 1 - beta^t [1]     BIAS_POWER_EPOCH  1: t counts epochs [0]
 *   LR_DECAY   1: eta/(1 + (t-1)*lr_decay) each update, as PyTorch's AdaGrad [0]
 *   LOOKAHEAD  1: NAG's gradient at w - beta*u (the notes) [0: the libraries' rewrite]
 *   NADAM      LECTURE, OPTAX (1 - b1^(t+1) on m) or SCHEDULE (Dozat's mu, PyTorch and Keras)
 *   AMS_CORRECTED  1: AMSGrad's maximum after bias correction (optax) [0]
 *   POWERS_BY_SQUARING  1: optax's arithmetic (adalab's powersBySquaring): RMSProp rounds g*g
 *              before weighting it, (1 - beta)*(g*g), and its bias correction (RMS_BIAS_CORRECTION)
 *              raises beta to the integer count by repeated squaring [0]
 *   RMS_BIAS_CORRECTION  1: RMSProp's v/(1 - beta^t) under the root (optax's bias_correction) [0]
 *   LERP       1: the first moment as PyTorch's fused lerp_ (adalab's lerpsMean),
 *              m + (1 - beta1)*(g - m) with one rounding, fma(1 - beta1, g - m, m) [0]
 *   MOMENTUM_FORM  momentum's and NAG's history (adalab's MomentumForm): VELOCITY the notes'
 *              and Keras's u = beta*u + eta*g; BUFFER PyTorch's momentum_buffer u = beta*u + g,
 *              each add_(x, alpha=a) one fused rounding; TRACE optax's trace u = g + beta*u
 *              [VELOCITY]
 *
 * The powers 1 - beta^t are computed with pow on every update, as the libraries do (optax's
 * RMSProp by repeated squaring, see POWERS_BY_SQUARING). The toy set
 * has one feature, so a coordinate is w or b; the loss is the notes' squared error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GD 1
#define MOMENTUM 2
#define NAG 3
#define ADAGRAD 4
#define RMSPROP 5
#define ADADELTA 6
#define ADAM 7
#define ADAMAX 8
#define MAXPROP 9
#define NADAM 10
#define AMSGRAD 11
#define ADAMW 12

#define OUTSIDE 1
#define INSIDE 2
#define HAT 3
#define MAX 4

#define LECTURE 1
#define OPTAX 2
#define SCHEDULE 3

#define VELOCITY 1
#define BUFFER 2
#define TRACE 3

#ifndef RULE
#error "compile with -DRULE=ADAM (or another rule)"
#endif
#ifndef EPS
#define EPS OUTSIDE
#endif
#ifndef BIAS_CORRECTION
#define BIAS_CORRECTION 1
#endif
#ifndef BIAS_POWER_EPOCH
#define BIAS_POWER_EPOCH 0
#endif
#ifndef LR_DECAY
#define LR_DECAY 0
#endif
#ifndef LOOKAHEAD
#define LOOKAHEAD 0
#endif
#ifndef NADAM_FORM
#define NADAM_FORM LECTURE
#endif
#ifndef AMS_CORRECTED
#define AMS_CORRECTED 0
#endif
#ifndef POWERS_BY_SQUARING
#define POWERS_BY_SQUARING 0
#endif
#ifndef RMS_BIAS_CORRECTION
#define RMS_BIAS_CORRECTION 0
#endif
#ifndef LERP
#define LERP 0
#endif
#ifndef MOMENTUM_FORM
#define MOMENTUM_FORM VELOCITY
#endif

#define ADAM_FAMILY (RULE == ADAM || RULE == ADAMAX || RULE == NADAM || RULE == AMSGRAD || RULE == ADAMW)
#define USES_C1 (ADAM_FAMILY && !(RULE == NADAM && NADAM_FORM == SCHEDULE))
#define USES_C2 (ADAM_FAMILY && RULE != ADAMAX)

/* The numbers every coordinate of one update shares. */
typedef struct {
  double eta, beta, beta1, beta2, epsilon, lr_decay, weight_decay, momentum_decay, v_init;
} settings;

typedef struct {
  double lr, c1, c2, c1next, mu, mu_next, mu_product, mu_product_next, rms_c;
} step_context;

/* One parameter and the history the rules keep for it. */
typedef struct {
  double p, m, v, u, vmax;
} coordinate;

/* x^n by repeated squaring from the lowest bit (XLA's integer power, adalab's
 * RAdam.bySquaring). */
static inline double power_by_squaring(double x, long n) {
  double result = 1, base = x;
  while (n > 0) {
    if (n & 1) result *= base;
    base *= base;
    n >>= 1;
  }
  return result;
}

/* The running mean moved toward x: beta*m + (1 - beta)*x, or with LERP PyTorch's lerp_,
 * m + (1 - beta)*(x - m) rounded once (a fused multiply-add, as Swift's addingProduct). */
static inline double averaged(double m, double x, double beta) {
#if LERP
  return fma(1 - beta, x - m, m);
#else
  return beta * m + (1 - beta) * x;
#endif
}

/* Swift's max(a, b): b when b >= a. */
static inline double maximum(double a, double b) { return b >= a ? b : a; }

/* eta/(sqrt(v)+eps) or eta/sqrt(v+eps) (AdaGrad, RMSProp). */
static inline double rate_over(const settings *h, double lr, double v) {
#if EPS == INSIDE
  return lr / sqrt(v + h->epsilon);
#else
  return lr / (sqrt(v) + h->epsilon);
#endif
}

/* The rate that multiplies m-hat, given the raw second moment and the corrected one. */
static inline double adam_rate(const settings *h, const step_context *s, double raw,
                               double corrected) {
#if EPS == HAT
  (void)corrected;
  return s->lr * sqrt(s->c2) / (sqrt(raw) + h->epsilon);
#elif EPS == INSIDE
  (void)raw;
  return s->lr / sqrt(corrected + h->epsilon);
#else
  (void)raw;
  return s->lr / (sqrt(corrected) + h->epsilon);
#endif
}

static inline void apply(coordinate *c, double g, const settings *h, const step_context *s) {
#if RULE == GD
  (void)s;
  c->p -= h->eta * g;
#elif (RULE == MOMENTUM || RULE == NAG) && MOMENTUM_FORM == BUFFER && !LOOKAHEAD
  /* torch's sgd: buf.mul_(momentum).add_(grad); nesterov: grad.add(buf, alpha=momentum);
   * param.add_(grad or buf, alpha=-lr). */
  (void)s;
  c->u = h->beta * c->u + g;
#if RULE == NAG
  c->p = fma(-h->eta, fma(h->beta, c->u, g), c->p);
#else
  c->p = fma(-h->eta, c->u, c->p);
#endif
#elif (RULE == MOMENTUM || RULE == NAG) && MOMENTUM_FORM == TRACE && !LOOKAHEAD
  /* optax's trace, then scale_by_learning_rate. */
  (void)s;
  c->u = g + h->beta * c->u;
#if RULE == NAG
  c->p -= h->eta * (g + h->beta * c->u);
#else
  c->p -= h->eta * c->u;
#endif
#elif RULE == MOMENTUM || (RULE == NAG && LOOKAHEAD)
  (void)s;
  c->u = h->beta * c->u + h->eta * g;
  c->p -= c->u;
#elif RULE == NAG
  (void)s;
  c->u = h->beta * c->u + h->eta * g;
  c->p -= h->eta * g + h->beta * c->u;
#elif RULE == ADAGRAD
  c->v += g * g;
  c->p -= rate_over(h, s->lr, c->v) * g;
#elif RULE == RMSPROP
#if POWERS_BY_SQUARING
  c->v = h->beta * c->v + (1 - h->beta) * (g * g);
#else
  c->v = h->beta * c->v + (1 - h->beta) * g * g;
#endif
#if RMS_BIAS_CORRECTION
  c->p -= rate_over(h, s->lr, c->v / s->rms_c) * g;
#else
  c->p -= rate_over(h, s->lr, c->v) * g;
#endif
#elif RULE == ADADELTA
  (void)s;
  c->v = h->beta * c->v + (1 - h->beta) * g * g;
  double delta = sqrt(c->u + h->epsilon) / sqrt(c->v + h->epsilon) * g;
  c->p -= h->eta * delta;
  c->u = h->beta * c->u + (1 - h->beta) * delta * delta;
#elif RULE == MAXPROP
#if EPS == MAX
  c->v = maximum(h->beta * c->v, fabs(g) + h->epsilon);
  c->p -= s->lr / c->v * g;
#else
  c->v = maximum(h->beta * c->v, fabs(g));
  c->p -= s->lr / (c->v + h->epsilon) * g;
#endif
#elif RULE == ADAMAX
  c->m = averaged(c->m, g, h->beta1);
  double m_hat = c->m / s->c1;
#if EPS == MAX
  c->v = maximum(h->beta2 * c->v, fabs(g) + h->epsilon);
  c->p -= s->lr / c->v * m_hat;
#else
  c->v = maximum(h->beta2 * c->v, fabs(g));
  c->p -= s->lr / (c->v + h->epsilon) * m_hat;
#endif
#else /* ADAM, ADAMW, AMSGRAD, NADAM: the two moments first */
#if RULE == ADAMW
  c->p *= 1 - s->lr * h->weight_decay;
#endif
  c->m = h->beta1 * c->m + (1 - h->beta1) * g;
  c->v = h->beta2 * c->v + (1 - h->beta2) * g * g;
#if RULE == ADAM || RULE == ADAMW
  c->p -= adam_rate(h, s, c->v, c->v / s->c2) * (c->m / s->c1);
#elif RULE == AMSGRAD && AMS_CORRECTED
  c->vmax = maximum(c->vmax, c->v / s->c2);
  c->p -= adam_rate(h, s, c->vmax * s->c2, c->vmax) * (c->m / s->c1);
#elif RULE == AMSGRAD
  c->vmax = maximum(c->vmax, c->v);
  c->p -= adam_rate(h, s, c->vmax, c->vmax / s->c2) * (c->m / s->c1);
#elif RULE == NADAM && NADAM_FORM == SCHEDULE
  /* PyTorch's order: the gradient's share, then the moment's, over one denominator. */
  double gradient_weight = (1 - s->mu) / (1 - s->mu_product);
  double moment_weight = s->mu_next / (1 - s->mu_product_next);
  double denominator = s->lr / adam_rate(h, s, c->v, c->v / s->c2);
  c->p -= s->lr * gradient_weight * g / denominator;
  c->p -= s->lr * moment_weight * c->m / denominator;
#elif RULE == NADAM
#if NADAM_FORM == OPTAX
  double m_hat = h->beta1 * c->m / s->c1next + (1 - h->beta1) * g / s->c1;
#else
  double m_hat = h->beta1 * c->m / s->c1 + (1 - h->beta1) * g / s->c1;
#endif
  c->p -= adam_rate(h, s, c->v, c->v / s->c2) * m_hat;
#endif
#endif
}

static void read_setting(settings *h, const char *argument) {
  const char *equals = strchr(argument, '=');
  if (!equals) {
    fprintf(stderr, "rules: expected NAME=VALUE, found '%s'\n", argument);
    exit(2);
  }
  size_t length = (size_t)(equals - argument);
  double value = strtod(equals + 1, NULL);
  struct {
    const char *name;
    double *field;
  } names[] = {{"eta", &h->eta},         {"beta", &h->beta},
               {"beta1", &h->beta1},     {"beta2", &h->beta2},
               {"epsilon", &h->epsilon}, {"lr_decay", &h->lr_decay},
               {"weight_decay", &h->weight_decay}, {"momentum_decay", &h->momentum_decay},
               {"v_init", &h->v_init}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strlen(names[i].name) == length && strncmp(names[i].name, argument, length) == 0) {
      *names[i].field = value;
      return;
    }
  }
  fprintf(stderr, "rules: unknown setting '%.*s'\n", (int)length, argument);
  exit(2);
}

int main(int argc, char **argv) {
  long updates = argc > 1 ? atol(argv[1]) : 10000000;
  settings h = {0.1, 0.9, 0.9, 0.999, 1e-8, 0, 0, 0.004, 0};
  for (int i = 2; i < argc; i++) read_setting(&h, argv[i]);
  const double X[2] = {0.5, 2.5}, Y[2] = {0.2, 0.9};
  coordinate w = {-4, 0, h.v_init, 0, 0}, b = {-4, 0, h.v_init, 0, 0};
  step_context s = {h.eta, 1, 1, 1, 0, 0, 1, 1, 1};
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long t = 1; t <= updates; t++) {
    long i = (t - 1) % 2;
    double x = X[i], y = Y[i];
#if LOOKAHEAD
    double z = (b.p - h.beta * b.u) + (w.p - h.beta * w.u) * x;
#else
    double z = b.p + w.p * x;
#endif
    double f = 1 / (1 + exp(-z));
    double slope = (f - y) * f * (1 - f);
    double gw = 0.0 + slope * x, gb = 0.0 + slope;
#if LR_DECAY
    s.lr = h.eta / (1 + ((double)t - 1) * h.lr_decay);
#endif
#if BIAS_POWER_EPOCH
    double k = (double)((t - 1) / 2 + 1);
#else
    double k = (double)t;
#endif
#if BIAS_CORRECTION && USES_C1
    s.c1 = 1 - pow(h.beta1, k);
#endif
#if BIAS_CORRECTION && USES_C2
    s.c2 = 1 - pow(h.beta2, k);
#endif
#if RULE == RMSPROP && RMS_BIAS_CORRECTION && POWERS_BY_SQUARING
    s.rms_c = 1 - power_by_squaring(h.beta, t);
#elif RULE == RMSPROP && RMS_BIAS_CORRECTION
    s.rms_c = 1 - pow(h.beta, (double)t);
#endif
#if RULE == NADAM && NADAM_FORM == OPTAX && BIAS_CORRECTION
    s.c1next = 1 - pow(h.beta1, k + 1);
#endif
#if RULE == NADAM && NADAM_FORM == SCHEDULE
    s.mu = h.beta1 * (1 - 0.5 * pow(0.96, (double)t * h.momentum_decay));
    s.mu_next = h.beta1 * (1 - 0.5 * pow(0.96, (double)(t + 1) * h.momentum_decay));
    s.mu_product = s.mu_product * s.mu;
    s.mu_product_next = s.mu_product * s.mu_next;
#endif
    apply(&w, gw, &h, &s);
    apply(&b, gb, &h, &s);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  printf("%.17g %.17g\n", w.p, b.p);
  printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", w.m, w.v, w.u, w.vmax, b.m, b.v,
         b.u, b.vmax);
  fprintf(stderr, "%.1f ns per update\n", 1e9 * seconds / (double)updates);
  return 0;
}
