#!/usr/bin/env python3
"""Conformance fixtures for schedules of beta1 and beta2 (issue 12, the notes' own decay).

Run from the repository root:

    python3 Fixtures/generate_beta_schedules.py   # in a venv with numpy, jax, optax

Written against Python 3.11, jax 0.10.x, optax 0.2.8 (the versions used are recorded in the
file under "versions"). Everything runs in float64, as generate.py sets it up.

Only optax has a schedule for beta: optax.inject_hyperparams(optax.adam)(b1=..., b2=...)
evaluates each schedule at its own count, 0 at the first update, and passes the value to
scale_by_adam, which decays m and v with it and divides by 1 - b**t with the CURRENT beta
raised to adam's count t (1 at the first update). PyTorch (torch.optim.lr_scheduler) and
Keras (keras.optimizers.schedules) schedule the learning rate only.

inject_hyperparams calls a schedule on its int32 count, which optax's schedules turn into
float32 even with x64 on (linear_schedule 0.9 -> 0.999 gives 0.9019800424575806 where
float64 gives 0.90198). The schedules below are therefore wrapped to see the count as an
int64: the whole run is then optax's float64 arithmetic, and each step records the beta
inject_hyperparams actually passed (state.hyperparams), which the tests compare too.

It writes Fixtures/conformance/schedules/betas.json: whole runs of 100 updates on the toy
set (batch 1) and the sparse set (batch 4), in the format of runs.json, each case with
"beta1"/"beta2" schedules in adalab's syntax (what follows `schedule beta2`), and per step
the beta1 and beta2 the update used.

PyTorch has one beta schedule, inside a learning-rate scheduler: OneCycleLR with
cycle_momentum=True (its default) sets param_groups[0]["betas"][0] of Adam to a momentum
cycled between max_momentum and base_momentum, against the lr. torch's Adam then decays m with
it and corrects with 1 - beta1**step, the current beta1 as optax does. It also writes
Fixtures/conformance/schedules/cycle_momentum.json: torch Adam (and AdamW) + OneCycleLR per
update with cycle_momentum=True, 100 updates on both sets, with the beta1 each update used.
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

GENERATOR = "Fixtures/generate_beta_schedules.py"
N_UPDATES = 100

CASES = [
    # (settings, {setting: schedule in adalab's syntax})
    ({"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
     {"beta2": "linear_schedule init_value=0.9 end_value=0.999 transition_steps=50"}),
    ({"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
     {"beta1": "piecewise_constant_schedule init_value=0.9 boundaries_and_scales=30:0.5,60:1.5"}),
    ({"eta": 0.05, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
     {"beta1": "linear_schedule init_value=0.5 end_value=0.9 transition_steps=40",
      "beta2": "cosine_decay_schedule init_value=0.999 decay_steps=80 alpha=0.9"}),
    ({"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
     {"beta2": "exponential_decay init_value=0.999 transition_steps=10 decay_rate=0.95 end_value=0.5"}),
]
OPTAX_NAME = {"beta1": "b1", "beta2": "b2"}


def int64_count(schedule):
    """The schedule on an int64 count, so that it computes in float64 (see the docstring)."""
    return lambda count: schedule(jnp.asarray(count, dtype=jnp.int64))


def run(settings, schedules, ds, batch):
    X, Y = ds["x"], ds["y"]
    kwargs = {"learning_rate": settings["eta"], "b1": settings["beta1"], "b2": settings["beta2"],
              "eps": settings["epsilon"]}
    for name, text in schedules.items():
        kwargs[OPTAX_NAME[name]] = int64_count(S.function_schedule(text, settings[name]))
    tx = optax.inject_hyperparams(optax.adam)(**kwargs)
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(params["w"]), float(params["b"]), X[idx], Y[idx])
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        assert params["w"].dtype == jnp.float64
        used = {k: np.asarray(state.hyperparams[OPTAX_NAME[k]]) for k in ("beta1", "beta2")}
        assert all(v.dtype == np.float64 for v in used.values())
        row = {"w": np.asarray(params["w"]), "b": np.asarray(params["b"]), "dw": dw, "db": db,
               "beta1": float(used["beta1"]), "beta2": float(used["beta2"])}
        st = G.optax_state("adam", state, 0)
        for k in G.state_names("adam"):
            row[k + "_w"], row[k + "_b"] = st[k]["w"], st[k]["b"]
        rec.add(**row)
    return rec.steps


CYCLE_CASES = [
    ("adam", "OneCycleLR max_lr=0.5 total_steps=100", {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
    ("adam", "OneCycleLR max_lr=0.3 total_steps=100 pct_start=0.2 anneal_strategy=linear three_phase=True "
     "base_momentum=0.8 max_momentum=0.9", {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
]


def run_cycle(text, settings, ds, batch):
    """torch Adam + OneCycleLR per update, recording the beta1 each update used."""
    import torch
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    o = torch.optim.Adam([w, b], lr=settings["eta"], foreach=False)
    scheduler = S.torch_scheduler(o, text, settings["eta"])
    rec = G.Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        beta1 = o.param_groups[0]["betas"][0]
        o.step()
        row = {"w": w.detach().numpy(), "b": b.detach().numpy(), "dw": dw, "db": db, "beta1": beta1}
        sw, sb = G.torch_state("adam", o, w, 0), G.torch_state("adam", o, b, 0)
        for k in G.state_names("adam"):
            row[k + "_w"], row[k + "_b"] = sw[k], sb[k]
        rec.add(**row)
        scheduler.step()
    return rec.steps


def make_cycles():
    cases = []
    for opt_name, text, settings in CYCLE_CASES:
        for dname, ds in G.DATASETS.items():
            batch = {"toy": 1, "sparse": 4}[dname]
            cases.append({
                "optimizer": opt_name, "convention": "pytorch", "dataset": dname, "batch": batch,
                "settings": settings, "schedule": text + " per update",
                "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])},
                "steps": run_cycle(text, settings, ds, batch),
            })
    return cases


def main():
    G.sanity_check()
    datasets = {k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])} for k, v in G.DATASETS.items()}
    G.write_json(os.path.join(S.OUT, "cycle_momentum.json"), {
        "generator": GENERATOR, "versions": G.VERSIONS, "datasets": datasets, "cases": make_cycles()})
    if "--cycle-only" in sys.argv:
        return
    cases = []
    for settings, schedules in CASES:
        for dname, ds in G.DATASETS.items():
            batch = {"toy": 1, "sparse": 4}[dname]
            cases.append({
                "optimizer": "adam",
                "convention": "optax",
                "dataset": dname,
                "batch": batch,
                "settings": settings,
                "schedules": schedules,
                "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])},
                "steps": run(settings, schedules, ds, batch),
            })
    G.write_json(os.path.join(S.OUT, "betas.json"), {
        "generator": GENERATOR, "versions": G.VERSIONS, "datasets": datasets, "cases": cases})


if __name__ == "__main__":
    main()
