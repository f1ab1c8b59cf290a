#!/usr/bin/env python3
"""Conformance fixtures for learning-rate schedules (issue 12).

Run from the repository root:

    python3 Fixtures/generate_schedules.py   # in a venv with numpy, torch, jax, optax, keras

Written against (the versions used are recorded in each file under "versions"):
Python 3.11, numpy 2.4.x, torch 2.15 (CPU), keras 3.15 (JAX backend), jax 0.10.x,
optax 0.2.8.  Everything runs in float64, as generate.py sets it up (imported below).
Keras's schedules compute in the dtype of initial_learning_rate, float64 here, except
CosineDecay, whose cosine Keras rounds to float32 whatever floatx (see value_dtype): each
case records the dtype its values came out in ("dtype"), and the tests hold float32 cases
to float32's precision.

It writes Fixtures/conformance/schedules/

    rates.json  eta_k at every count k = 0 .. 59 for every schedule kind, two or more
                parameter sets each, read from the real libraries:
                  torch: optimizer.param_groups[0]["lr"] after k scheduler.step() calls
                         (SGD at lr = eta; SequentialLR for "A then B");
                  optax: schedule(k) with k an int64 (inside an optimizer optax passes
                         its int32 count, and the value comes out float32: see run_dtype);
                  keras: schedule(k) with k an int64 (iterations).
                Each case gives the schedule in adalab's syntax (what follows
                `schedule eta`), eta (the session's eta: PyTorch's initial_lr and the
                default initial value of optax and Keras), and "rates".
    runs.json   whole runs with a schedule attached, in the format of
                Fixtures/conformance/<optimizer>.json (generate.py's model, gradient,
                batching, float64 and state names), each case with its "schedule" in
                adalab's syntax (counting included):
                  torch Adam + StepLR, CosineAnnealingLR and LinearLR-then-Cosine
                    (SequentialLR) stepped per epoch, on mini-batches of the toy set
                    (batch 1) and of the sparse set (batch 4);
                  torch Adagrad (lr_decay 0.05) + ExponentialLR per epoch;
                  torch Adam (lr 1) + ReduceLROnPlateau per update and SGD +
                    ReduceLROnPlateau (threshold 0.01, cooldown 1) per epoch, fed the
                    total training loss at the new parameters (what adalab feeds it);
                  torch Adam and SGD + OneCycleLR(cycle_momentum=False) per update;
                  optax adam + warmup_cosine_decay_schedule;
                  keras Adam + CosineDecay with warm-up.
                torch's and optax's SGD with momentum are not recorded: they keep
                b = u/eta, which adalab refuses to schedule (it keeps u, Keras's form).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate as G  # noqa: E402  (sets float64 everywhere and KERAS_BACKEND=jax)

import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402

OUT = os.path.join(HERE, "conformance", "schedules")
GENERATOR = "Fixtures/generate_schedules.py"
COUNTS = 60
LRS = torch.optim.lr_scheduler

# ----------------------------------------------------------------------------------------
# Schedules: adalab's syntax -> the library object
# ----------------------------------------------------------------------------------------


def parse(text):
    """'StepLR step_size=3 gamma=0.5 then ...' -> [(kind, {name: python value})]."""
    phases = []
    for part in text.split(" then "):
        words = part.split()
        args = {}
        for word in words[1:]:
            name, value = word.split("=", 1)
            args[name] = convert(value)
        phases.append((words[0], args))
    return phases


def convert(value):
    if value in ("True", "False"):
        return value == "True"
    if ":" in value:
        return {int(a): float(b) for a, b in (p.split(":") for p in value.split(","))}
    if "," in value:
        parts = value.split(",")
        return [int(p) for p in parts] if all(p.isdigit() for p in parts) else [float(p) for p in parts]
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


INITIAL = {"optax": "init_value", "keras": "initial_learning_rate"}
LIBRARY = {
    **{k: "torch" for k in ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "OneCycleLR",
                            "ReduceLROnPlateau"]},
    **{k: "optax" for k in ["exponential_decay", "cosine_decay_schedule", "warmup_cosine_decay_schedule",
                            "linear_schedule", "piecewise_constant_schedule", "polynomial_schedule"]},
    **{k: "keras" for k in ["ExponentialDecay", "InverseTimeDecay", "PiecewiseConstantDecay", "CosineDecay",
                            "PolynomialDecay"]},
}
FLOATS = {"factor", "threshold", "min_lr", "eps", "gamma", "eta_min", "start_factor", "end_factor", "max_lr", "pct_start", "div_factor",
          "final_div_factor", "init_value", "end_value", "decay_rate", "alpha", "exponent", "power",
          "peak_value", "initial_learning_rate", "end_learning_rate", "warmup_target"}


def library_args(kind, args, eta):
    args = {k: (float(v) if k in FLOATS else v) for k, v in args.items()}
    if "milestones" in args:
        args["milestones"] = [int(v) for v in np.atleast_1d(args["milestones"])]
    if kind == "warmup_cosine_decay_schedule":
        args.setdefault("peak_value", eta)
    elif kind == "PiecewiseConstantDecay":
        args["boundaries"] = [int(v) for v in np.atleast_1d(args["boundaries"])]
        args["values"] = [float(v) for v in np.atleast_1d(args["values"])]
    elif LIBRARY[kind] in INITIAL:
        args.setdefault(INITIAL[LIBRARY[kind]], eta)
    return args


def torch_scheduler(opt, text, eta):
    phases = parse(text)
    made = [getattr(LRS, kind)(opt, **library_args(kind, args, eta)) for kind, args in phases]
    if len(made) == 1:
        return made[0]
    milestones, total = [], 0
    for kind, args in phases[:-1]:
        total += args.get("total_iters", 5)
        milestones.append(total)
    return LRS.SequentialLR(opt, made, milestones=milestones)


def function_schedule(text, eta):
    [(kind, args)] = parse(text)
    args = library_args(kind, args, eta)
    if LIBRARY[kind] == "optax":
        return getattr(optax, kind)(**args)
    return getattr(keras.optimizers.schedules, kind)(**args)


def value_dtype(text, eta):
    """The precision the library computes the schedule in: "float64", except Keras's
    CosineDecay, whose cosine is float32 whatever floatx (keras.src.backend.jax.numpy.cos
    casts its float64 argument to result_type(float64, float), which Keras makes float32;
    without warm-up the value even comes out as float32, with it the float32 decay is
    promoted back to float64 by ops.cond)."""
    if text.split()[0] == "CosineDecay":
        probe = np.asarray(function_schedule(text, eta)(np.int64(COUNTS)))
        assert str(probe.dtype) in ("float32", "float64")
        return "float32"
    return "float64"


def torch_rates(text, eta):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=eta)
    scheduler = torch_scheduler(opt, text, eta)
    rates = []
    for k in range(COUNTS):
        rates.append(G.fl(opt.param_groups[0]["lr"]))
        if k < COUNTS - 1:
            opt.step()
            scheduler.step()
    return rates


def function_rates(text, eta):
    schedule = function_schedule(text, eta)
    return [G.fl(np.asarray(schedule(np.int64(k)), dtype=np.float64)) for k in range(COUNTS)]


RATE_CASES = [
    ("StepLR step_size=7", 0.1),
    ("StepLR step_size=3 gamma=0.5", 0.3),
    ("MultiStepLR milestones=5,12,30", 0.1),
    ("MultiStepLR milestones=4,4,20 gamma=0.3", 0.05),
    ("ExponentialLR gamma=0.9", 0.1),
    ("ExponentialLR gamma=0.97", 1.0),
    ("CosineAnnealingLR T_max=25", 0.1),
    ("CosineAnnealingLR T_max=13 eta_min=0.001", 0.2),
    ("LinearLR", 0.1),
    ("LinearLR start_factor=0.1 end_factor=0.9 total_iters=20", 0.3),
    ("OneCycleLR max_lr=0.5 total_steps=59 cycle_momentum=False", 0.1),
    ("OneCycleLR max_lr=1 total_steps=59 pct_start=0.25 anneal_strategy=linear cycle_momentum=False "
     "div_factor=10 final_div_factor=100 three_phase=True", 0.1),
    ("LinearLR start_factor=0.1 total_iters=5 then CosineAnnealingLR T_max=40", 0.1),
    ("LinearLR start_factor=0.01 total_iters=10 then ExponentialLR gamma=0.95", 0.2),
    ("LinearLR start_factor=0.2 total_iters=4 then LinearLR start_factor=1 end_factor=0.1 total_iters=30 "
     "then StepLR step_size=5 gamma=0.5", 0.1),
    ("exponential_decay transition_steps=10 decay_rate=0.5", 0.1),
    ("exponential_decay transition_steps=7 decay_rate=0.5 transition_begin=5 staircase=True end_value=0.02", 0.3),
    ("cosine_decay_schedule decay_steps=40", 0.1),
    ("cosine_decay_schedule init_value=0.2 decay_steps=30 alpha=0.1 exponent=2", 0.1),
    ("warmup_cosine_decay_schedule init_value=0 warmup_steps=10 decay_steps=50", 0.1),
    ("warmup_cosine_decay_schedule init_value=0.01 peak_value=0.3 warmup_steps=5 decay_steps=45 "
     "end_value=0.001 exponent=1.5", 0.1),
    ("linear_schedule end_value=0.01 transition_steps=40", 0.1),
    ("linear_schedule init_value=0 end_value=0.2 transition_steps=20 transition_begin=10", 0.1),
    ("piecewise_constant_schedule boundaries_and_scales=10:0.5,25:0.1", 0.1),
    ("piecewise_constant_schedule init_value=0.3 boundaries_and_scales=0:0.5,5:2,40:0.01", 0.1),
    ("polynomial_schedule end_value=0.001 power=2 transition_steps=50", 0.1),
    ("polynomial_schedule init_value=0.5 end_value=0.1 power=0.5 transition_steps=30 transition_begin=5", 0.1),
    ("ExponentialDecay decay_steps=10 decay_rate=0.5", 0.1),
    ("ExponentialDecay initial_learning_rate=0.3 decay_steps=7 decay_rate=0.9 staircase=True", 0.1),
    ("InverseTimeDecay decay_steps=5 decay_rate=0.5", 0.1),
    ("InverseTimeDecay initial_learning_rate=1 decay_steps=3 decay_rate=2 staircase=True", 0.1),
    ("PiecewiseConstantDecay boundaries=10,20 values=0.1,0.05,0.01", 0.1),
    ("PiecewiseConstantDecay boundaries=5 values=1,0.25", 0.1),
    ("CosineDecay decay_steps=40", 0.1),
    ("CosineDecay initial_learning_rate=0 decay_steps=40 alpha=0.1 warmup_target=0.2 warmup_steps=10", 0.1),
    ("PolynomialDecay decay_steps=30", 0.1),
    ("PolynomialDecay initial_learning_rate=0.5 decay_steps=12 end_learning_rate=0.01 power=2 cycle=True", 0.1),
]


def make_rates():
    cases = []
    for text, eta in RATE_CASES:
        kind = text.split()[0]
        library = LIBRARY[kind]
        rates = torch_rates(text, eta) if library == "torch" else function_rates(text, eta)
        cases.append({"library": {"torch": "pytorch"}.get(library, library), "schedule": text,
                      "eta": eta, "dtype": value_dtype(text, eta), "rates": rates})
    return cases


# ----------------------------------------------------------------------------------------
# Whole runs with a schedule
# ----------------------------------------------------------------------------------------

N_UPDATES = 100


def updates_per_epoch(ds, batch):
    n = len(ds["y"])
    return 1 if batch == "full" else n // batch


def run_torch(opt_name, make, text, counting, ds, batch, settings):
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    o = make([w, b])
    scheduler = torch_scheduler(o, text, settings["eta"])
    per_epoch = updates_per_epoch(ds, batch)
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        row = {"w": w.detach().numpy(), "b": b.detach().numpy(), "dw": dw, "db": db}
        sw, sb = G.torch_state(opt_name, o, w, 0), G.torch_state(opt_name, o, b, 0)
        for k in G.state_names(opt_name):
            row[k + "_w"], row[k + "_b"] = sw[k], sb[k]
        rec.add(**row)
        if counting == "per update" or t % per_epoch == 0:
            if isinstance(scheduler, LRS.ReduceLROnPlateau):
                # The metric adalab feeds it: the total training loss at the new parameters.
                loss, _, _ = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X, Y)
                scheduler.step(loss)
            else:
                scheduler.step()
    return rec.steps


def run_optax(opt_name, text, ds, batch, settings):
    X, Y = ds["x"], ds["y"]
    tx = optax.adam(learning_rate=function_schedule(text, settings["eta"]))
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(params["w"]), float(params["b"]), X[idx], Y[idx])
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        row = {"w": np.asarray(params["w"]), "b": np.asarray(params["b"]), "dw": dw, "db": db}
        st = G.optax_state(opt_name, state, 0)
        for k in G.state_names(opt_name):
            row[k + "_w"], row[k + "_b"] = st[k]["w"], st[k]["b"]
        rec.add(**row)
    return rec.steps


def run_keras(opt_name, text, ds, batch, settings):
    X, Y = ds["x"], ds["y"]
    w = keras.Variable(ds["w0"].copy(), dtype="float64", name="w")
    b = keras.Variable(np.float64(ds["b0"]), dtype="float64", name="b")
    o = keras.optimizers.Adam(learning_rate=function_schedule(text, settings["eta"]))
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(w.value, dtype=np.float64), float(np.asarray(b.value)),
                                    X[idx], Y[idx])
        o.apply_gradients([(jnp.asarray(dw), w), (jnp.asarray(np.float64(db)), b)])
        row = {"w": np.asarray(w.value), "b": np.asarray(b.value), "dw": dw, "db": db}
        sw, sb = G.keras_state(opt_name, o, w), G.keras_state(opt_name, o, b)
        for k in G.state_names(opt_name):
            row[k + "_w"], row[k + "_b"] = sw[k], sb[k]
        rec.add(**row)
    assert w.dtype == "float64"
    return rec.steps


def adam(params):
    return torch.optim.Adam(params, lr=0.1, foreach=False)


def sgd(params):
    return torch.optim.SGD(params, lr=0.1, foreach=False)


def adam1(params):
    return torch.optim.Adam(params, lr=1.0, foreach=False)


def adagrad(params):
    return torch.optim.Adagrad(params, lr=0.1, lr_decay=0.05, foreach=False)


TORCH_ADAM = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}
RUN_CASES = [
    # (optimizer, convention, runner, schedule, counting, settings)
    ("adam", "pytorch", adam, "StepLR step_size=10 gamma=0.5", "per epoch", TORCH_ADAM),
    ("adam", "pytorch", adam, "CosineAnnealingLR T_max=30 eta_min=0.001", "per epoch", TORCH_ADAM),
    ("adam", "pytorch", adam, "LinearLR start_factor=0.1 total_iters=5 then CosineAnnealingLR T_max=45",
     "per epoch", TORCH_ADAM),
    ("adam", "pytorch", adam, "OneCycleLR max_lr=0.5 total_steps=100 cycle_momentum=False", "per update",
     TORCH_ADAM),
    ("gd", "pytorch", sgd, "OneCycleLR max_lr=2 total_steps=100 cycle_momentum=False", "per update",
     {"eta": 0.1}),
    ("adagrad", "pytorch", adagrad, "ExponentialLR gamma=0.9", "per epoch",
     {"eta": 0.1, "epsilon": 1e-10, "v_init": 0.0, "lr_decay": 0.05}),
    ("adam", "pytorch", adam1, "ReduceLROnPlateau factor=0.5 patience=3", "per update",
     dict(TORCH_ADAM, eta=1.0)),
    ("gd", "pytorch", sgd, "ReduceLROnPlateau factor=0.5 patience=2 threshold=0.01 cooldown=1",
     "per epoch", {"eta": 0.1}),
    ("adam", "optax", None, "warmup_cosine_decay_schedule init_value=0 warmup_steps=10 decay_steps=100 "
     "end_value=0.001", "per update", {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
    ("adam", "keras", None, "CosineDecay initial_learning_rate=0 decay_steps=90 alpha=0.01 warmup_target=0.1 "
     "warmup_steps=10", "per update", {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7}),
]


def run_dtype(convention, text, eta):
    """The precision of eta_t inside the optimizer: optax evaluates its schedule on the
    optimizer's int32 update count, which JAX promotes to float32 even with x64 enabled
    (warmup_cosine_decay_schedule gives 0.030000001192092896 for 0.03 inside optax.adam,
    0.030000000000000013 on an int64 count); Keras's CosineDecay as value_dtype says."""
    if convention == "optax":
        probe = np.asarray(function_schedule(text, eta)(jnp.asarray(3, dtype=jnp.int32)))
        assert str(probe.dtype) == "float32", probe.dtype
        return "float32"
    return value_dtype(text, eta)


def make_runs():
    cases = []
    for opt_name, convention, make, text, counting, settings in RUN_CASES:
        for dname, ds in G.DATASETS.items():
            batch = {"toy": 1, "sparse": 4}[dname]
            if convention == "pytorch":
                steps = run_torch(opt_name, make, text, counting, ds, batch, settings)
            elif convention == "optax":
                steps = run_optax(opt_name, text, ds, batch, settings)
            else:
                steps = run_keras(opt_name, text, ds, batch, settings)
            cases.append({
                "optimizer": opt_name,
                "convention": convention,
                "dataset": dname,
                "batch": batch,
                "settings": settings,
                "schedule": text + " " + counting,
                "dtype": run_dtype(convention, text, settings["eta"]),
                "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])},
                "steps": steps,
            })
    return cases


def main():
    G.sanity_check()
    datasets = {k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])} for k, v in G.DATASETS.items()}
    G.write_json(os.path.join(OUT, "rates.json"), {
        "generator": GENERATOR, "versions": G.VERSIONS, "counts": COUNTS, "cases": make_rates()})
    G.write_json(os.path.join(OUT, "runs.json"), {
        "generator": GENERATOR, "versions": G.VERSIONS, "datasets": datasets, "cases": make_runs()})


if __name__ == "__main__":
    main()
