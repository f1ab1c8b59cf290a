#!/usr/bin/env python3
"""Conformance fixtures for SGD momentum and Nesterov while the learning rate changes.

Run from the repository root:

    python3 Fixtures/generate_momentum_schedules.py   # in a venv with numpy, torch, jax, optax

Written against (the versions used are recorded in the file under "versions"):
Python 3.11, numpy 2.4.x, torch 2.15 (CPU), jax 0.10.x, optax 0.2.8. Everything runs in
float64, as generate.py sets it up (imported below).

PyTorch's SGD keeps its momentum buffer in gradient units and applies lr at the step
(torch/optim/sgd.py, _single_tensor_sgd):

    g <- g + weight_decay * w                      (grad.add(param, alpha=wd))
    b <- g at the first step, else mu * b + (1 - dampening) * g
    d <- g + mu * b if nesterov else b
    w <- w - lr * d                                 (param.add_(d, alpha=-lr))

optax's sgd is trace then scale_by_learning_rate (optax/transforms/_accumulation.py,
optax/_src/transform.py):  t <- g + mu * t;  d <- g + mu * t if nesterov else t;
w <- w + (-lr) * d.  With a constant lr this is the notes' u = lr * b; once lr changes
the two part, which is what these runs check.

It writes Fixtures/conformance/momentum_schedules.json, in the format of
Fixtures/conformance/<optimizer>.json (generate.py's model, gradient, batching and
state names) on the toy set (batch 1) and the sparse set (batch 4), with two
differences:

  - "u": "buffer" at the top: u_w, u_b are the library's own buffer (torch's
    momentum_buffer, optax's trace), in gradient units, NOT scaled by lr as generate.py's
    files are;
  - each case has "schedule" (adalab's `schedule eta` text, counting included) or null,
    and "eta_change": {"at": k, "eta": x} or null (lr set to x after k updates: torch's
    param_groups[...]["lr"] = x, optax's injected learning_rate = x; adalab's
    `set eta x` at t = k).

Cases:
  torch SGD momentum + StepLR per epoch; with dampening 0.3 and L2 weight_decay 0.01;
  torch SGD nesterov + StepLR per epoch;
  torch SGD momentum and nesterov (with L2 0.01) + OneCycleLR(cycle_momentum=False)
    stepped per update;
  optax sgd(momentum) with piecewise_constant_schedule(0.5, {30: 0.5, 60: 0.5}) passed
    as learning_rate: inside optax.sgd the schedule is evaluated on optax's int32 count,
    which can round a schedule to float32 (see generate_schedules.run_dtype); these
    values (0.5, 0.25, 0.125) are exact in float32, and the generator asserts that the
    learning rates optax used equal the float64 schedule's bit for bit;
  optax sgd(momentum, nesterov) with exponential_decay(0.2, 10, 0.7), the learning rate
    INJECTED (optax.inject_hyperparams(optax.sgd)): at each update the generator sets
    the state's learning_rate to optax's exponential_decay evaluated on an int64 count
    (float64), so the comparison stays at 1e-12;
  a mid-run change of lr at k: torch momentum 0.1 -> 0.03 at k = 40, torch nesterov
    (L2 0.01) 0.1 -> 0.3 at k = 25, optax momentum (injected) 0.1 -> 0.02 at k = 50;
  torch RMSprop(momentum=0.9), whose momentum_buffer is kept the same way
    (buf <- mu * buf + g / avg; w <- w - lr * buf), with StepLR per epoch, and centered
    with L2 0.01 and lr 0.01 -> 0.003 at k = 30.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate as G  # noqa: E402  (sets float64 everywhere)
import generate_schedules as S  # noqa: E402

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402

OUT = os.path.join(HERE, "conformance", "momentum_schedules.json")
GENERATOR = "Fixtures/generate_momentum_schedules.py"
N_UPDATES = 100


def torch_run(opt, ds, batch, settings, schedule, counting, change):
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    if opt == "rmsprop":
        o = torch.optim.RMSprop(
            [w, b], lr=settings["eta"], alpha=settings["beta"], eps=settings["epsilon"],
            momentum=settings["momentum"], centered=bool(settings.get("centered", 0.0)),
            weight_decay=settings.get("weight_decay", 0.0), foreach=False)
    else:
        o = torch.optim.SGD(
            [w, b], lr=settings["eta"], momentum=settings["beta"],
            dampening=settings.get("dampening", 0.0), weight_decay=settings.get("weight_decay", 0.0),
            nesterov=opt == "nag", foreach=False)
    scheduler = S.torch_scheduler(o, schedule, settings["eta"]) if schedule else None
    per_epoch = S.updates_per_epoch(ds, batch)
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        row = {"w": w.detach().numpy(), "b": b.detach().numpy(), "dw": dw, "db": db,
               "u_w": o.state[w]["momentum_buffer"].numpy(), "u_b": o.state[b]["momentum_buffer"].numpy()}
        if opt == "rmsprop":
            row.update(v_w=o.state[w]["square_avg"].numpy(), v_b=o.state[b]["square_avg"].numpy())
            if "grad_avg" in o.state[w]:
                row.update(m_w=o.state[w]["grad_avg"].numpy(), m_b=o.state[b]["grad_avg"].numpy())
        rec.add(**row)
        if scheduler and (counting == "per update" or t % per_epoch == 0):
            scheduler.step()
        if change and t == change["at"]:
            for group in o.param_groups:
                group["lr"] = change["eta"]
    return rec.steps


def optax_run(opt, ds, batch, settings, lr_of_count=None, schedule_fn=None):
    """optax.sgd with `schedule_fn` as its learning_rate, or (lr_of_count) injected."""
    X, Y = ds["x"], ds["y"]
    nesterov = opt == "nag"
    if schedule_fn is not None:
        tx = optax.sgd(learning_rate=schedule_fn, momentum=settings["beta"], nesterov=nesterov)
    else:
        tx = optax.inject_hyperparams(optax.sgd)(
            learning_rate=lr_of_count(0), momentum=settings["beta"], nesterov=nesterov)
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(params["w"]), float(params["b"]), X[idx], Y[idx])
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        if lr_of_count is not None:
            lr = jnp.asarray(lr_of_count(t - 1), dtype=jnp.float64)
            state.hyperparams["learning_rate"] = lr
        before = params
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        assert params["w"].dtype == jnp.float64
        trace = G.find_state(state, "trace")
        if schedule_fn is not None:
            # The rate optax used is the float64 schedule's, bit for bit: it is exact in
            # float32, and b moved by exactly (-rate) * direction.
            used = float(np.asarray(schedule_fn(np.int64(t - 1)), dtype=np.float64))
            assert float(np.float32(used)) == used, (t, used)
            t_b = float(trace["b"])
            direction = t_b if not nesterov else float(grads["b"]) + settings["beta"] * t_b
            assert float(before["b"]) + (-used) * direction == float(params["b"]), t
        rec.add(w=np.asarray(params["w"]), b=np.asarray(params["b"]), dw=dw, db=db,
                u_w=np.asarray(trace["w"]), u_b=np.asarray(trace["b"]))
    return rec.steps


def exponential_decay_int64(init, steps, rate):
    f = optax.exponential_decay(init_value=init, transition_steps=steps, decay_rate=rate)
    return lambda k: float(np.asarray(f(np.int64(k)), dtype=np.float64))


MOMENTUM = {"eta": 0.1, "beta": 0.9}
RMSPROP = {"eta": 0.01, "beta": 0.99, "epsilon": 1e-8, "momentum": 0.9}
TORCH_CASES = [
    # (optimizer, settings, schedule, counting, change)
    ("momentum", MOMENTUM, "StepLR step_size=10 gamma=0.5", "per epoch", None),
    ("momentum", dict(MOMENTUM, dampening=0.3, weight_decay=0.01), "StepLR step_size=10 gamma=0.5",
     "per epoch", None),
    ("nag", MOMENTUM, "StepLR step_size=10 gamma=0.5", "per epoch", None),
    ("momentum", MOMENTUM, "OneCycleLR max_lr=0.5 total_steps=100 cycle_momentum=False", "per update", None),
    ("nag", dict(MOMENTUM, weight_decay=0.01), "OneCycleLR max_lr=0.5 total_steps=100 cycle_momentum=False",
     "per update", None),
    ("momentum", MOMENTUM, None, None, {"at": 40, "eta": 0.03}),
    ("nag", dict(MOMENTUM, weight_decay=0.01), None, None, {"at": 25, "eta": 0.3}),
    ("rmsprop", RMSPROP, "StepLR step_size=10 gamma=0.5", "per epoch", None),
    ("rmsprop", dict(RMSPROP, centered=1.0, weight_decay=0.01), None, None, {"at": 30, "eta": 0.003}),
]


def make_cases():
    cases = []
    for dname, ds in G.DATASETS.items():
        batch = {"toy": 1, "sparse": 4}[dname]

        def case(opt, convention, settings, schedule, change, steps):
            cases.append({
                "optimizer": opt, "convention": convention, "dataset": dname, "batch": batch,
                "settings": settings, "schedule": schedule, "eta_change": change,
                "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])}, "steps": steps,
            })

        for opt, settings, schedule, counting, change in TORCH_CASES:
            steps = torch_run(opt, ds, batch, settings, schedule, counting, change)
            case(opt, "pytorch", settings, schedule and schedule + " " + counting, change, steps)

        piecewise = optax.piecewise_constant_schedule(init_value=0.5, boundaries_and_scales={30: 0.5, 60: 0.5})
        steps = optax_run("momentum", ds, batch, MOMENTUM, schedule_fn=piecewise)
        case("momentum", "optax", dict(MOMENTUM, eta=0.5), "piecewise_constant_schedule "
             "boundaries_and_scales=30:0.5,60:0.5 per update", None, steps)

        decay = exponential_decay_int64(0.2, 10, 0.7)
        steps = optax_run("nag", ds, batch, MOMENTUM, lr_of_count=decay)
        case("nag", "optax", dict(MOMENTUM, eta=0.2), "exponential_decay transition_steps=10 decay_rate=0.7 "
             "per update", None, steps)

        steps = optax_run("momentum", ds, batch, MOMENTUM, lr_of_count=lambda k: 0.1 if k < 50 else 0.02)
        case("momentum", "optax", MOMENTUM, None, {"at": 50, "eta": 0.02}, steps)
    return cases


def main():
    G.sanity_check()
    datasets = {k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])} for k, v in G.DATASETS.items()}
    G.write_json(OUT, {"generator": GENERATOR, "versions": G.VERSIONS, "u": "buffer",
                       "datasets": datasets, "cases": make_cases()})


if __name__ == "__main__":
    main()
