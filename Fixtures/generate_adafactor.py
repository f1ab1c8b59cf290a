#!/usr/bin/env python3
"""Conformance fixtures for Adafactor (issue 11): the three libraries that ship it and the
paper, in float64 where the library allows it.

Run from the repository root (in a venv with numpy, torch, jax, optax, keras):

    python3 Fixtures/generate_adafactor.py

It writes Fixtures/conformance/adafactor.json in the format of the other conformance files
(same model, gradient, batching, float64 and state names; see the docstring of generate.py),
reusing generate.py's helpers and generate_options.py's dense4 set.  Written against
Python 3.11, numpy 2.4, torch 2.x (torch.optim.Adafactor), keras 3 (JAX backend), jax 0.10,
optax 0.2.8; the versions actually used are recorded in the file under "versions".

Every library runs Adafactor on a vector w (one tensor) and a scalar b (another), so no
library factors the second moment (torch and keras factor rank >= 2 only, optax rank >= 2
with both dimensions >= min_dim_size_to_factor = 128): v is kept whole, as in adalab.

    pytorch  torch.optim.Adafactor(foreach=False); v = state["variance"].  Defaults: lr 0.01,
             beta2_decay -0.8, eps (None -> machine eps, 2.22e-16, used as a floor
             max(v, eps^2)), eps2 1e-3, d 1, weight_decay 0.  dense4: lr 0.05,
             beta2_decay -0.6, eps (1e-20, 0.3), d 1.5, weight_decay 0.1.
    keras    keras.optimizers.Adafactor; v = its velocity.  Defaults: learning_rate 0.001,
             beta_2_decay -0.8, epsilon_1 1e-30, epsilon_2 1e-3, clip_threshold 1
             (relative_step=True; with
             a constant learning rate relative_step changes nothing: the step is
             min(lr, 1/sqrt(t)) either way).  dense4: lr 0.05, beta_2_decay -0.6,
             epsilon_1 1e-25, epsilon_2 0.3, clip_threshold 1.5.
             NOT fully float64: keras's ops.mean computes a float64 tensor's mean in float32
             (dtypes.result_type(float64, "float32") is float32), so both RMS values
             (the parameter scale and the clip factor) are float32-precise.  adalab's keras
             convention does the same; its numbers then agree to about 1e-16.
    optax    optax.adafactor; v = FactoredState.v, m = the ema of its momentum.  Defaults:
             learning_rate None (no step-size scaling at all: eta = 1 in adalab, and no
             1/sqrt(t)), decay_rate 0.8 (beta2_t computed in float32), eps 1e-30,
             clipping_threshold 1, multiply_by_parameter_scale True, no momentum, no weight
             decay; eps2 is fixed at 1e-3 (scale_by_param_block_rms's min_scale is not an
             argument of optax.adafactor).  dense4: learning_rate 0.05, decay_rate 0.6, eps 1e-25,
             clipping_threshold 1.5, momentum 0.9 with dtype_momentum=float64 (optax's
             default momentum buffer is float32; adalab keeps float64), weight_decay_rate
             0.01.
    lecture  a line-by-line port of the paper's Algorithm 4 (Shazeer & Stern 2018, for a
             vector: no factoring) in Python floats: rho_t = min(1e-2, 1/sqrt(t)),
             alpha_t = max(eps2, RMS(X))*rho_t, beta2_t = 1 - t^-0.8, eps1 1e-30, eps2
             1e-3, d 1.  dense4: lr 0.05, beta2_decay -0.6, eps1 1e-25, eps2 0.3, d 1.5.  The port
             also records beta2_t, scale_w, scale_b, clip_w and clip_b.

Each data set as generate_options.py: toy (full, 1), sparse (full, 4), dense4 (full, 4),
100 updates each.
"""

import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402

import generate as G  # noqa: E402  (sets float64 everywhere, as generate.py does)
import generate_options as O  # noqa: E402

OUT = os.path.join(HERE, "conformance", "adafactor.json")
GENERATOR = "Fixtures/generate_adafactor.py"
MACHINE_EPS = float(np.finfo(np.float64).eps)

PLAIN = {
    "lecture": {"eta": 0.01, "epsilon": 1e-30, "beta2_decay": -0.8, "epsilon2": 1e-3,
                "clip_threshold": 1.0},
    "pytorch": {"eta": 0.01, "epsilon": MACHINE_EPS, "beta2_decay": -0.8, "epsilon2": 1e-3,
                "clip_threshold": 1.0},
    "keras": {"eta": 0.001, "epsilon": 1e-30, "beta2_decay": -0.8, "epsilon2": 1e-3,
              "clip_threshold": 1.0},
    "optax": {"eta": 1.0, "epsilon": 1e-30, "beta2_decay": -0.8, "clip_threshold": 1.0},
}
DENSE = {
    "lecture": {"eta": 0.05, "epsilon": 1e-25, "beta2_decay": -0.6, "epsilon2": 0.3,
                "clip_threshold": 1.5},
    "pytorch": {"eta": 0.05, "epsilon": 1e-20, "beta2_decay": -0.6, "epsilon2": 0.3,
                "clip_threshold": 1.5, "weight_decay": 0.1},
    "keras": {"eta": 0.05, "epsilon": 1e-25, "beta2_decay": -0.6, "epsilon2": 0.3,
              "clip_threshold": 1.5},
    "optax": {"eta": 0.05, "epsilon": 1e-25, "beta2_decay": -0.6, "clip_threshold": 1.5,
              "beta1": 0.9, "weight_decay": 0.01},
}


def rms(xs):
    s = 0.0
    for x in xs:
        s += x * x
    return math.sqrt(s / len(xs))


def lecture(ds, batch, S):
    """Algorithm 4 of the paper, for each of the tensors w and b."""
    X, Y = ds["x"], ds["y"]
    eta, c, eps1, d = S["eta"], S["beta2_decay"], S["epsilon"], S["clip_threshold"]
    eps2 = S["epsilon2"]
    P = {"w": [float(x) for x in ds["w0"]], "b": [float(ds["b0"])]}
    V = {"w": [0.0] * len(P["w"]), "b": [0.0]}
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.array(P["w"]), P["b"][0], X[idx], Y[idx])
        grads = {"w": [float(x) for x in dw], "b": [float(db)]}
        extra = {}
        for k in ("w", "b"):
            x, g, v = P[k], grads[k], V[k]
            rho = min(eta, 1 / math.sqrt(t))
            scale = max(eps2, rms(x))
            alpha = scale * rho
            beta2 = 1 - math.pow(float(t), c)
            v = [beta2 * vi + (1 - beta2) * (gi * gi + eps1) for vi, gi in zip(v, g)]
            u = [gi / math.sqrt(vi) for gi, vi in zip(g, v)]
            clip = max(1.0, rms(u) / d)
            P[k] = [xi - alpha * (ui / clip) for xi, ui in zip(x, u)]
            V[k] = v
            extra.update({f"scale_{k}": scale, f"clip_{k}": clip, "beta2_t": beta2})
        rec.add(w=np.array(P["w"]), b=P["b"][0], dw=dw, db=db, v_w=np.array(V["w"]),
                v_b=V["b"][0], **extra)
    return rec.steps


def run_torch(ds, batch, S, default):
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    kw = {} if default else {
        "lr": S["eta"], "beta2_decay": S["beta2_decay"], "eps": (S["epsilon"], S["epsilon2"]),
        "d": S["clip_threshold"], "weight_decay": S.get("weight_decay", 0.0)}
    o = torch.optim.Adafactor([w, b], foreach=False, **kw)
    g = o.defaults
    assert g["lr"] == S["eta"] and g["beta2_decay"] == S["beta2_decay"]
    assert g["d"] == S["clip_threshold"] and g["weight_decay"] == S.get("weight_decay", 0.0)
    assert (g["eps"][0] or MACHINE_EPS) == S["epsilon"] and g["eps"][1] == S["epsilon2"]
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        rec.add(w=w.detach().numpy(), b=b.detach().numpy(), dw=dw, db=db,
                v_w=o.state[w]["variance"].numpy(), v_b=o.state[b]["variance"].numpy())
    return rec.steps


def run_keras(ds, batch, S, default):
    kw = {} if default else {
        "learning_rate": S["eta"], "beta_2_decay": S["beta2_decay"],
        "epsilon_1": S["epsilon"], "epsilon_2": S["epsilon2"],
        "clip_threshold": S["clip_threshold"]}
    o = G.keras.optimizers.Adafactor(**kw)
    assert float(np.asarray(o.learning_rate)) == S["eta"] and o.beta_2_decay == S["beta2_decay"]
    assert o.epsilon_1 == S["epsilon"] and o.clip_threshold == S["clip_threshold"]
    assert o.epsilon_2 == S["epsilon2"] and o.relative_step and o.weight_decay is None
    return O.keras_run(o, ds, batch, lambda o, var: {"v": O.keras_slot(o, o._v, var)})


def run_optax(ds, batch, S, default):
    X, Y = ds["x"], ds["y"]
    if default:
        tx = optax.adafactor()
    else:
        tx = optax.adafactor(
            learning_rate=S["eta"], decay_rate=-S["beta2_decay"], eps=S["epsilon"],
            clipping_threshold=S["clip_threshold"], momentum=S.get("beta1"),
            dtype_momentum=jnp.float64, weight_decay_rate=S.get("weight_decay"))
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(params["w"]), float(params["b"]), X[idx], Y[idx])
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        assert params["w"].dtype == jnp.float64
        v = G.find_state(state, "v")
        values = dict(w=np.asarray(params["w"]), b=np.asarray(params["b"]), dw=dw, db=db,
                      v_w=np.asarray(v["w"]), v_b=np.asarray(v["b"]))
        if S.get("beta1"):
            ema = G.find_state(state, "ema")
            assert ema["w"].dtype == jnp.float64
            values.update(m_w=np.asarray(ema["w"]), m_b=np.asarray(ema["b"]))
        rec.add(**values)
    return rec.steps


RUNNERS = {
    "lecture": lambda ds, batch, S, default: lecture(ds, batch, S),
    "pytorch": run_torch,
    "keras": run_keras,
    "optax": run_optax,
}


def cases():
    out = []
    for conv, run in RUNNERS.items():
        for dname, ds in O.DATASETS.items():
            dense = dname == "dense4"
            S = DENSE[conv] if dense else PLAIN[conv]
            for batch in ds["batches"]:
                steps = run(ds, batch, S, not dense)
                assert all(len(v) == G.N_UPDATES for v in steps.values())
                out.append({
                    "optimizer": "adafactor", "convention": conv, "dataset": dname,
                    "batch": batch, "settings": dict(S),
                    "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])}, "steps": steps,
                })
    return out


def main():
    G.sanity_check()
    datasets_json = {
        k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])}
        for k, v in O.DATASETS.items()
    }
    G.write_json(OUT, {
        "generator": GENERATOR,
        "versions": G.VERSIONS,
        "datasets": datasets_json,
        "cases": cases(),
    })


if __name__ == "__main__":
    main()
