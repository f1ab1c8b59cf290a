#!/usr/bin/env python3
"""adalab against the tools people would use instead, in one run, as ratios.

Run through Benchmarks/run.sh, which builds the release binary first:

    bash Benchmarks/run.sh            # RUNS=5 by default; RUNS=3 bash Benchmarks/run.sh

Every case runs once as a warm-up, then RUNS times; the table shows each median and the
ratio against adalab. The final parameters of every peer are checked against adalab's and
the script exits 1 when they disagree. Peers: the notes' do_adam_sgd listing in CPython, the
same loop in C, vectorised numpy, optax (skipped with a note when not installed), and
numpy.loadtxt. The `matrix` case runs every optimizer in every convention against a C loop
(Benchmarks/peers/rules.c, compiled per cell with $CC, default cc, -O2) that computes the
same numbers in the same order, and requires its final state (w, b and the histories m, v, u,
vmax the rule keeps) to be bit-identical.
No timing here is asserted anywhere: the tables are for reading.
"""

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from peers import c_rules

HERE = os.path.dirname(os.path.abspath(__file__))
ADALAB = os.environ["ADALAB"]
RUNS = int(os.environ.get("RUNS", "5"))

PER_POINT_UPDATES = 10_000_000
CPYTHON_UPDATES = 200_000  # the notes' listing takes ~8 µs an update in CPython
FULL_N, FULL_STEPS = 1_000_000, 40
FULL_START_W, FULL_START_B = [0.5, -0.5, 0.25, 0.0], 0.1

failures = []
rows = []


def timed(function, runs=RUNS):
    """Median wall time of `function()` over `runs` runs after one warm-up, and its result."""
    result = function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def adalab(commands, json_output=True):
    arguments = [ADALAB] + (["--json"] if json_output else []) + ["-c", commands]
    out = subprocess.run(arguments, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()] if json_output else out


def adalab_wb(commands):
    """The w and b that adalab's last command (`show w b`) printed."""
    last = adalab(commands)[-1]
    return np.array(last["w"] + [last["b"]])


def agree(label, reference, other, tolerance, why):
    error = float(np.max(np.abs(other - reference) / np.maximum(np.abs(reference), 1e-300)))
    ok = error <= tolerance
    print(f"  check {label}: max relative difference {error:.1e} (allowed {tolerance:g}: {why})"
          + ("" if ok else "  <-- DISAGREE"))
    if not ok:
        failures.append(label)


def row(case, tool, seconds, unit_scale, unit, reference=None, note=""):
    rows.append((case, tool, seconds * unit_scale, unit, reference, note))


# ---------------------------------------------------------------------------------------
# 1. Per-point Adam on the toy set (the notes' do_adam_sgd)
# ---------------------------------------------------------------------------------------

X, Y = [0.5, 2.5], [0.2, 0.9]


def f(w, b, x):
    return 1.0 / (1.0 + np.exp(-(w * x + b)))


def grad_w_sgd(w, b, x, y):
    fx = f(w, b, x)
    return (fx - y) * fx * (1 - fx) * x


def grad_b_sgd(w, b, x, y):
    fx = f(w, b, x)
    return (fx - y) * fx * (1 - fx)


def do_adam_sgd(max_epochs):
    """The notes' listing, line for line (it returns w and b so they can be checked)."""
    w, b, eta = -4, -4, 0.1
    beta1, beta2 = 0.9, 0.999
    m_w, m_b, v_w, v_b = 0, 0, 0, 0
    for i in range(max_epochs):
        dw, db = 0, 0
        eps = 1e-10
        for x, y in zip(X, Y):
            dw = grad_w_sgd(w, b, x, y)
            db = grad_b_sgd(w, b, x, y)
            m_w = beta1 * m_w + (1 - beta1) * dw
            m_b = beta1 * m_b + (1 - beta1) * db
            v_w = beta2 * v_w + (1 - beta2) * dw**2
            v_b = beta2 * v_b + (1 - beta2) * db**2
            m_w_hat = m_w / (1 - np.power(beta1, i + 1))
            m_b_hat = m_b / (1 - np.power(beta1, i + 1))
            v_w_hat = v_w / (1 - np.power(beta2, i + 1))
            v_b_hat = v_b / (1 - np.power(beta2, i + 1))
            w = w - eta * m_w_hat / (np.sqrt(v_w_hat) + eps)
            b = b - eta * m_b_hat / (np.sqrt(v_b_hat) + eps)
    return np.array([w, b], dtype=np.float64)


def adam_c(updates):
    """The notes' listing in C: rules.c's Adam with t counting epochs, as the preset does."""
    peer = c_rules.build({"RULE": "ADAM", "BIAS_POWER_EPOCH": 1})
    return np.array(c_rules.run(peer, updates, {"eta": 0.1, "epsilon": 1e-10}))


def per_point():
    case = "per-point Adam, toy set"
    print(f"{case}: {PER_POINT_UPDATES:,} updates (CPython: {CPYTHON_UPDATES:,})")
    script = f"preset do_adam_sgd; step {PER_POINT_UPDATES}; show w b"
    t_adalab, wb_adalab = timed(lambda: adalab_wb(script))
    t_c, wb_c = timed(lambda: adam_c(PER_POINT_UPDATES))
    t_py, wb_py = timed(lambda: do_adam_sgd(CPYTHON_UPDATES // 2), runs=max(1, RUNS // 2))
    scale = 1e9 / PER_POINT_UPDATES
    row(case, "adalab (whole process)", t_adalab, scale, "ns/update")
    row(case, "C -O2 (whole process)", t_c, scale, "ns/update")
    row(case, "CPython, notes' listing", t_py, 1e9 / CPYTHON_UPDATES, "ns/update")
    agree("adalab = C after 10M updates", wb_c, wb_adalab, 1e-12, "same arithmetic")
    wb_adalab_short = adalab_wb(f"preset do_adam_sgd; step {CPYTHON_UPDATES}; show w b")
    agree("adalab = C after 200k updates", adam_c(CPYTHON_UPDATES), wb_adalab_short, 1e-12,
          "same arithmetic")
    # Near the minimum the walk is flat and last-bit differences add up: with numpy 2.4 the
    # listing ends 1.3e-7 from C after 200k updates, and still 3.5e-8 away with libm's exp
    # and adalab's order for the step, because it also rounds (1-b2)*(g**2), not ((1-b2)*g)*g.
    agree("adalab ~ CPython listing after 200k updates", wb_py, wb_adalab_short, 1e-6,
          "the listing divides eta*m_hat by the root where adalab multiplies the rate eta/root "
          "by m_hat, squares g before scaling it, and numpy's exp may differ from libm's in the "
          "last bit; near the minimum these add up")


# ---------------------------------------------------------------------------------------
# 2. Full-batch Adam on 1,000,000 × 4 with a 5%-dense feature
# ---------------------------------------------------------------------------------------

MASK = (1 << 64) - 1


def splitmix_doubles(seed, count):
    """adalab's SplitMix64.nextDouble(), `count` draws, vectorised (the state only adds)."""
    k = np.arange(1, count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + k * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def sparse_set(n, density, seed):
    """The data of adalab's `load sparse n=N density=D seed=S`, to the last bit."""
    # Seven draws a point (Dataset+Generated.swift): a dense feature is a sign, then
    # 0.5 + u (so |x| averages 1); x2 is 1 with probability `density`.
    u = splitmix_doubles(seed, 7 * n).reshape(n, 7)

    def dense(sign, magnitude):
        return np.where(u[:, sign] < 0.5, -1.0, 1.0) * (0.5 + u[:, magnitude])

    X = np.empty((n, 4))
    X[:, 0] = dense(0, 1)
    X[:, 1] = (u[:, 2] < density).astype(np.float64)
    X[:, 2] = dense(3, 4)
    X[:, 3] = dense(5, 6)
    z = np.zeros(n)
    for j, w in enumerate([1.0, 2.0, -1.0, 0.5]):
        z = z + w * X[:, j]
    return X, 1 / (1 + np.exp(-z))


def numpy_adam(X, Y, steps, eta=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
    """Full-batch Adam (bias power = update), vectorised: the gradient is two mat-vecs."""
    w, b = np.array(FULL_START_W), FULL_START_B
    m, v = np.zeros(5), np.zeros(5)
    for t in range(1, steps + 1):
        f = 1 / (1 + np.exp(-(X @ w + b)))
        s = (f - Y) * f * (1 - f)
        g = np.append(X.T @ s, s.sum())
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        theta = np.append(w, b) - eta / (np.sqrt(v_hat) + eps) * m_hat
        w, b = theta[:4], theta[4]
    return np.append(w, b)


def optax_runner(X, Y):
    """A jit-compiled full-batch optax.adam step in float64, or None without optax."""
    try:
        import jax

        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
        import optax
    except ImportError:
        return None
    Xj, Yj = jnp.asarray(X), jnp.asarray(Y)

    def loss(theta):
        f = 1 / (1 + jnp.exp(-(Xj @ theta[:4] + theta[4])))
        return 0.5 * jnp.sum((f - Yj) ** 2)

    optimizer = optax.adam(0.1, b1=0.9, b2=0.999, eps=1e-8)

    @jax.jit
    def step(theta, state):
        updates, state = optimizer.update(jax.grad(loss)(theta), state)
        return optax.apply_updates(theta, updates), state

    def run(steps):
        theta = jnp.asarray(FULL_START_W + [FULL_START_B])
        state = optimizer.init(theta)
        for _ in range(steps):
            theta, state = step(theta, state)
        return np.asarray(theta.block_until_ready())

    return run


def full_batch():
    case = f"full-batch Adam, {FULL_N:,} x 4 (x2 5% dense)"
    print(f"{case}: {FULL_STEPS} steps")
    X, Y = sparse_set(FULL_N, 0.05, 1)
    w = ",".join(repr(x) for x in FULL_START_W)
    # PyTorch's Adam with η = 0.1: ε = 1e-8 outside the root, t counted in updates, as
    # numpy_adam and optax.adam(0.1) compute.
    setup = (f"load sparse n={FULL_N} density=0.05 seed=1; use adam:pytorch; set eta 0.1; "
             f"init w={w} b={FULL_START_B}")
    # adalab's time per step: (load + 1 + STEPS steps) − (load + 1 step), over STEPS.
    t_one, _ = timed(lambda: adalab_wb(f"{setup}; step 1; show w b"))
    t_many, wb_adalab = timed(lambda: adalab_wb(f"{setup}; step {FULL_STEPS + 1}; show w b"))
    t_numpy, wb_numpy = timed(lambda: numpy_adam(X, Y, FULL_STEPS + 1))
    per_step = 1e3 / FULL_STEPS
    row(case, "adalab (2 cores)", t_many - t_one, per_step, "ms/step")
    row(case, "numpy, vectorised", t_numpy, 1e3 / (FULL_STEPS + 1), "ms/step")
    why = ("adalab sums in 16 fixed chunks, numpy in BLAS order; numpy's exp may differ from "
           "libm's in the last bit")
    agree("adalab ~ numpy", wb_numpy, wb_adalab, 1e-9, why)
    run = optax_runner(X, Y)
    if run is None:
        print("  optax: not installed, skipped")
    else:
        t_optax, wb_optax = timed(lambda: run(FULL_STEPS + 1))
        row(case, "optax (jit, float64)", t_optax, 1e3 / (FULL_STEPS + 1), "ms/step")
        agree("adalab ~ optax", wb_optax, wb_adalab, 1e-9,
              why + "; optax multiplies by eta last and differentiates automatically")


# ---------------------------------------------------------------------------------------
# 3. Start-up, 4. memory, 5. loading a 1M-row CSV
# ---------------------------------------------------------------------------------------


def start_up():
    case = "start-up"
    print(case)
    t_adalab, _ = timed(lambda: subprocess.run([ADALAB, "-c", "quit"], check=True), runs=RUNS * 4)
    t_numpy, _ = timed(
        lambda: subprocess.run([sys.executable, "-c", "import numpy"], check=True), runs=RUNS)
    row(case, "adalab -c 'quit'", t_adalab, 1e3, "ms")
    row(case, "python3 -c 'import numpy'", t_numpy, 1e3, "ms")


def memory():
    case = "peak memory, 10M recorded updates"
    print(case)
    script = f"preset do_adam_sgd; step {PER_POINT_UPDATES}; back 1; show w b"
    out = subprocess.run(["/usr/bin/time", "-v", ADALAB, "--json", "-c", script],
                         check=True, capture_output=True, text=True)
    kilobytes = int(next(line for line in out.stderr.splitlines()
                         if "Maximum resident set size" in line).split(":")[1])
    row(case, "adalab: step 10M; back 1", kilobytes / 1024, 1, "MB")
    last = json.loads(out.stdout.splitlines()[-1])
    agree("back 1 = C after 10M − 1 updates", adam_c(PER_POINT_UPDATES - 1),
          np.array(last["w"] + [last["b"]]), 0, "rewinding replays from a checkpoint exactly")


def csv_load():
    case = "load a 1M-row CSV (5 columns)"
    print(case)
    X, Y = sparse_set(FULL_N, 0.05, 1)
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "million.csv")
        np.savetxt(path, np.column_stack([X, Y]), delimiter=",", header="x1,x2,x3,x4,y",
                   comments="", fmt="%.17g")
        t_quit, _ = timed(lambda: subprocess.run([ADALAB, "-c", "quit"], check=True))
        t_load, _ = timed(lambda: adalab(f"load {path}", json_output=False))
        t_numpy, table = timed(lambda: np.loadtxt(path, delimiter=",", skiprows=1))
        loaded = adalab(f"load {path}; show data")  # one JSON object per command
    row(case, "adalab load (minus start-up)", t_load - t_quit, 1e3, "ms")
    row(case, "numpy.loadtxt", t_numpy, 1e3, "ms")
    if table.shape != (FULL_N, 5) or loaded[-1].get("points") != FULL_N:
        print("  check CSV: adalab or numpy did not read 1,000,000 rows  <-- DISAGREE")
        failures.append("csv")


# ---------------------------------------------------------------------------------------
# 6. Every optimizer in every convention, per point, against its C loop
# ---------------------------------------------------------------------------------------

OPTIMIZERS = ["gd", "momentum", "nag", "adagrad", "rmsprop", "adadelta", "adam", "adamax",
              "maxprop", "nadam", "amsgrad", "adamw"]
CONVENTIONS = ["lecture", "pytorch", "keras", "optax"]
MATRIX_UPDATES = int(os.environ.get("MATRIX_UPDATES", PER_POINT_UPDATES))
matrix_cells = {}


TIMER = os.environ.get("TIMER", "wall")


def measured(arguments):
    """Runs `arguments`; returns its standard output and its time: wall-clock, or with
    TIMER=cpu the user + system time of the process (steadier on a busy machine)."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, arguments)
    return out, (usage.ru_utime + usage.ru_stime if TIMER == "cpu" else wall)


def alternating(first, second, runs=RUNS):
    """The median times of the commands `first` and `second`, run alternately (so that a
    change in the machine's load falls on both) after one warm-up each, and their outputs."""
    (out_first, warm_first), (out_second, warm_second) = measured(first), measured(second)
    outputs = [out_first, out_second]
    times = [[], []] if runs > 0 else [[warm_first], [warm_second]]
    for _ in range(runs):
        for k, arguments in enumerate((first, second)):
            outputs[k], seconds = measured(arguments)
            times[k].append(seconds)
    return [statistics.median(t) for t in times], outputs


def matrix_cell(optimizer, convention):
    setup = f"preset do_adam_sgd; use {optimizer}:{convention}"
    settings = adalab(setup)[-1]
    macros, numbers = c_rules.peer_for(settings)
    peer = c_rules.build(macros)
    # `show` with no names: every quantity of the rule, so the check covers the histories
    # (m, v, u, vmax) the rule keeps as well as w and b. On the toy set's slow descent w and
    # b round the same under two different momentum forms; the histories do not.
    (t_adalab, t_c), (out_adalab, out_c) = alternating(
        [ADALAB, "--json", "-c", f"{setup}; step {MATRIX_UPDATES}; show"],
        c_rules.command(peer, MATRIX_UPDATES, numbers))
    last = json.loads(out_adalab.splitlines()[-1])
    c_state = c_rules.state(out_c)
    compared = [name for name in c_state if name in last]
    adalab_values = [float(np.ravel(last[name])[0]) for name in compared]
    c_values = [c_state[name] for name in compared]
    same = adalab_values == c_values
    if not same:
        failures.append(f"{optimizer}:{convention}")
        differ = [f"{name} {a!r} vs {c!r}" for name, a, c in
                  zip(compared, adalab_values, c_values) if a != c]
        print(f"  {optimizer}:{convention}: adalab vs C: {'; '.join(differ)}  <-- DISAGREE")
    scale = 1e9 / MATRIX_UPDATES
    matrix_cells[(optimizer, convention)] = (t_adalab * scale, t_c * scale, same)


def matrix():
    chosen = os.environ.get("OPTIMIZERS", " ".join(OPTIMIZERS)).split()
    conventions = os.environ.get("CONVENTIONS", " ".join(CONVENTIONS)).split()
    print(f"matrix: per-point updates on the toy set, {MATRIX_UPDATES:,} updates, "
          f"{len(chosen)} optimizers x {len(conventions)} conventions, each against a C loop "
          f"({c_rules.CC} {' '.join(c_rules.CFLAGS)}) whose final state must equal adalab's")
    for optimizer in chosen:
        for convention in conventions:
            matrix_cell(optimizer, convention)
            t_adalab, t_c, _ = matrix_cells[(optimizer, convention)]
            print(f"  {optimizer}:{convention}: adalab {t_adalab:.1f} ns, C {t_c:.1f} ns",
                  flush=True)


def print_matrix():
    if not matrix_cells:
        return
    chosen = list(dict.fromkeys(o for o, _ in matrix_cells))
    conventions = list(dict.fromkeys(c for _, c in matrix_cells))
    print()
    timer = "CPU time" if TIMER == "cpu" else "wall-clock"
    print(f"adalab / C, ns per update (whole processes, {timer}, {MATRIX_UPDATES:,} updates, "
          f"median of {RUNS}); final states bit-identical unless marked !")
    print(f"{'':<10}" + "".join(f"{c:>22}" for c in conventions))
    worst = 0.0
    for optimizer in chosen:
        cells = []
        for convention in conventions:
            t_adalab, t_c, same = matrix_cells[(optimizer, convention)]
            ratio = t_adalab / t_c
            worst = max(worst, ratio)
            mark = "" if same else "!"
            cells.append(f"{t_adalab:5.1f}/{t_c:5.1f} {ratio:5.2f}x{mark:1}")
        print(f"{optimizer:<10}" + "".join(f"{cell:>22}" for cell in cells))
    print(f"largest ratio: {worst:.2f}x")


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def print_table():
    print()
    print(f"machine: {machine()}; median of {RUNS} runs after a warm-up")
    print(f"{'case':<44} {'tool':<30} {'median':>14} {'vs adalab':>10}")
    base = {}
    for case, tool, value, unit, _, _ in rows:
        base.setdefault(case, value)
        ratio = value / base[case] if base[case] > 0 else math.nan
        print(f"{case:<44} {tool:<30} {value:>10.4g} {unit:<9} {ratio:>6.2f}x")


def main():
    cases = sys.argv[1:] or ["per-point", "full-batch", "start-up", "memory", "csv", "matrix"]
    table = {"per-point": per_point, "full-batch": full_batch, "start-up": start_up,
             "memory": memory, "csv": csv_load, "matrix": matrix}
    unknown = [name for name in cases if name not in table]
    if unknown:
        sys.exit(f"unknown case {', '.join(unknown)}: expected some of {', '.join(table)}")
    for name in cases:
        table[name]()
    if rows:
        print_table()
    print_matrix()
    if failures:
        print(f"\nDISAGREEMENT: {', '.join(failures)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
