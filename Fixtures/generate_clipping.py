#!/usr/bin/env python3
"""Conformance fixtures for gradient clipping, the stage between the gradient and the rule.

Run from the repository root (in a venv with numpy, torch, jax, optax, keras):

    python3 Fixtures/generate_clipping.py

It writes Fixtures/conformance/options/clipping.json in the format of generate.py's files
(same model, gradient, batching, float64 and state names), reusing generate.py's and
generate_options.py's helpers.  As in generate.py, w (one tensor/variable of d entries) and b
(a scalar tensor/variable) are two separate parameters in every library, so a per-variable
norm is ||dw|| for w and |db| for b, and a global norm is sqrt(||dw||^2 + db^2).

Each case runs the library's own clipping, written as its users write it:

    keras    keras.optimizers.X(..., clipnorm=c) / clipvalue=c / global_clipnorm=c
             (BaseOptimizer._clip_gradients, before the decay and the update step)
    optax    optax.chain(optax.clip(c), optax.X(...)), optax.chain(optax.clip_by_global_norm(c),
             ...) and optax.chain(optax.clip_by_block_rms(c), ...)
    pytorch  loss.backward() (here: p.grad = the gradient), then
             torch.nn.utils.clip_grad_norm_([w, b], c) or clip_grad_value_([w, b], c),
             then opt.step()

with sgd momentum, adam, rmsprop and adamw at each library's defaults but lr 0.07 (adamw's
decoupled decay at each library's default, which Keras applies after clipping and before
the step, optax and PyTorch inside it), and PyTorch's SGD momentum with its L2 weight_decay
0.01 (added to the clipped gradient inside step()), on toy (full, 1),
sparse (full, 4) and dense4 (full, 4), 100 updates each.  Besides the state, each case records
g_w and g_b, the clipped gradient the rule received, computed by the same library function.
Each threshold is the largest of a few fractions of the start's gradient norm under which at
least half the updates clip (the script prints the count per case and asserts it).

Run with torch 2.15.0, keras 3.15.1 (JAX backend), optax 0.2.8, jax 0.10.2, numpy 2.4.6 and
Python 3.11.7 (also recorded in the file).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402

import generate as G  # noqa: E402  (sets float64 everywhere, as generate.py does)
import generate_options as GO  # noqa: E402

OUT = os.path.join(HERE, "conformance", "options")
GENERATOR = "Fixtures/generate_clipping.py"
LR = 0.07
OPTIMIZERS = ("momentum", "adam", "rmsprop", "adamw")
# PyTorch's L2 term, added to the clipped gradient inside step(): SGD momentum, weight_decay.
TORCH_L2 = 0.01

# The forms each library has, by adalab's setting name.
FORMS = {
    "keras": ("clipnorm", "clipvalue", "global_clipnorm"),
    "optax": ("clipvalue", "global_clipnorm", "clip_by_block_rms"),
    "pytorch": ("clipvalue", "global_clipnorm"),
}

# Thresholds: the largest of these fractions of the full-batch gradient's norm at the start
# (a sixth of it for clipvalue, which clips one entry) under which at least half the updates
# clip; the gradient shrinks as the fit improves, faster on some sets than on others.
FRACTIONS = (0.3, 0.1, 0.03, 0.01, 0.003, 0.001)


def thresholds(ds, form):
    _, dw, db = G.loss_and_grad(ds["w0"], ds["b0"], ds["x"], ds["y"])
    scale = float(np.sqrt(np.sum(dw * dw) + db * db)) / (6 if form == "clipvalue" else 1)
    return [float(np.float64(f"{f * scale:.2g}")) for f in FRACTIONS]


def gradient(ds, batch, t, w, b):
    idx = G.batch_indices(len(ds["y"]), batch, t)
    _, dw, db = G.loss_and_grad(w, b, ds["x"][idx], ds["y"][idx])
    return dw, db


def record(rec, opt, w, b, dw, db, gw, gb, sw, sb):
    row = {"w": w, "b": b, "dw": dw, "db": db, "g_w": gw, "g_b": gb}
    for k in G.state_names(opt):
        row[k + "_w"], row[k + "_b"] = sw[k], sb[k]
    rec.add(**row)


def run_keras(opt, ds, batch, form, c):
    w = G.keras.Variable(ds["w0"].copy(), dtype="float64", name="w")
    b = G.keras.Variable(np.float64(ds["b0"]), dtype="float64", name="b")
    o, S = G.keras_make(opt, **{form: c})
    assert getattr(o, form) == c
    rec, clipped = G.Recorder(), 0
    for t in range(1, G.N_UPDATES + 1):
        dw, db = gradient(ds, batch, t, np.asarray(w.value, dtype=np.float64),
                          float(np.asarray(b.value)))
        grads = [jnp.asarray(dw), jnp.asarray(np.float64(db))]
        gw, gb = (np.asarray(g, dtype=np.float64) for g in o._clip_gradients(grads))
        clipped += not (np.array_equal(gw, dw) and gb == db)
        o.apply_gradients(list(zip(grads, [w, b])))
        record(rec, opt, np.asarray(w.value), np.asarray(b.value), dw, db, gw, gb,
               G.keras_state(opt, o, w), G.keras_state(opt, o, b))
    assert w.dtype == "float64"
    return S, rec.steps, clipped


def run_optax(opt, ds, batch, form, c):
    inner, S = G.optax_make(opt)
    clip = {"clipvalue": optax.clip, "global_clipnorm": optax.clip_by_global_norm,
            "clip_by_block_rms": optax.clip_by_block_rms}[form](c)
    tx = optax.chain(clip, inner)
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec, clipped = G.Recorder(), 0
    for t in range(1, G.N_UPDATES + 1):
        dw, db = gradient(ds, batch, t, np.asarray(params["w"]), float(params["b"]))
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        g, _ = clip.update(grads, clip.init(params), params)
        gw, gb = np.asarray(g["w"]), np.asarray(g["b"])
        clipped += not (np.array_equal(gw, dw) and gb == db)
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        assert params["w"].dtype == jnp.float64
        st = G.optax_state(opt, state, S["eta"])
        record(rec, opt, np.asarray(params["w"]), np.asarray(params["b"]), dw, db, gw, gb,
               {k: v["w"] for k, v in st.items()}, {k: v["b"] for k, v in st.items()})
    return S, rec.steps, clipped


def run_torch(opt, ds, batch, form, c, l2=False):
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    if l2:
        assert opt == "momentum"
        o = torch.optim.SGD([w, b], lr=G.LR, momentum=0.9, weight_decay=TORCH_L2, foreach=False)
        S = {"eta": G.LR, "beta": 0.9, "weight_decay": TORCH_L2}
    else:
        o, S = G.torch_make(opt, [w, b])
    S.pop("dampening", None)
    rec, clipped = G.Recorder(), 0
    for t in range(1, G.N_UPDATES + 1):
        dw, db = gradient(ds, batch, t, w.detach().numpy().copy(), float(b.detach()))
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        if form == "global_clipnorm":
            torch.nn.utils.clip_grad_norm_([w, b], c)
        else:
            torch.nn.utils.clip_grad_value_([w, b], c)
        gw, gb = w.grad.numpy().copy(), float(b.grad)
        clipped += not (np.array_equal(gw, dw) and gb == db)
        o.step()
        record(rec, opt, w.detach().numpy(), b.detach().numpy(), dw, db, gw, gb,
               G.torch_state(opt, o, w, S["eta"]), G.torch_state(opt, o, b, S["eta"]))
    return S, rec.steps, clipped


RUNNERS = {"keras": run_keras, "optax": run_optax, "pytorch": run_torch}


def cases():
    # generate.py's makers read its LR when called.  0.1 would make clipped Adam's steps, all
    # about +-0.1 once the gradient is clipped to a constant, land w on 0 (toy's -2, dense4's
    # 0.1) and leave only the last bits' rounding to compare.
    G.LR = LR
    out, rare = [], []
    for convention, forms in FORMS.items():
        variants = [(opt, False) for opt in OPTIMIZERS]
        variants += [("momentum", True)] if convention == "pytorch" else []
        for opt, l2 in variants:
            for form in forms:
                for dname, ds in GO.DATASETS.items():
                    for batch in ds["batches"]:
                        for c in thresholds(ds, form):
                            args = (opt, ds, batch, form, c) + ((l2,) if l2 else ())
                            S, steps, clipped = RUNNERS[convention](*args)
                            if clipped >= G.N_UPDATES // 2:
                                break
                        assert all(len(v) == G.N_UPDATES for v in steps.values())
                        print(f"{opt}:{convention} {form}={c} {dname} batch {batch}: "
                              f"{clipped}/{G.N_UPDATES} updates clipped")
                        if clipped < G.N_UPDATES // 2:
                            rare.append((convention, opt, form, dname, batch, clipped))
                        S = {k: v for k, v in S.items() if k != "weight_decay" or v != 0}
                        S[form] = c
                        out.append({
                            "optimizer": opt, "convention": convention, "dataset": dname,
                            "batch": batch, "settings": S,
                            "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])},
                            "steps": steps,
                        })
    assert not rare, rare
    return out


def main():
    datasets_json = {
        k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])}
        for k, v in GO.DATASETS.items()
    }
    G.write_json(os.path.join(OUT, "clipping.json"), {
        "generator": GENERATOR,
        "versions": G.VERSIONS,
        "datasets": datasets_json,
        "cases": cases(),
    })


if __name__ == "__main__":
    main()
