#!/usr/bin/env python3
"""Conformance fixtures for the Adam family's library options added by the adam-options
branch (issue 11).

Run from the repository root:

    /work/venv/bin/python Fixtures/generate_adam_options.py

It writes three files under Fixtures/conformance/options/, in the format of the other
fixtures (same model, gradient, batching, float64 and state names; see generate.py), reusing
generate.py's and generate_options.py's helpers and data sets (toy, sparse, dense4), full
batch and mini-batch, 100 updates each:

    adamw_amsgrad.json  AdamW with AMSGrad's maximum: torch.optim.AdamW(amsgrad=True),
                 keras.optimizers.AdamW(amsgrad=True), and the lecture convention (a numpy
                 port: w <- w*(1 - eta*wd), then AMSGrad with the raw maximum).  optax's
                 adamw has no amsgrad flag.  Each case's "switches" names the word-valued
                 settings adalab needs ({"amsgrad_max": "raw"}).
    eps_root.json  optax's eps_root (added to v_hat under the root) on optax.adam, adamw,
                 nadam, amsgrad (to nu_max) and radam.  eps_root 1e-4 on toy and sparse,
                 1e-3 on dense4, large enough to move every step well beyond 1e-12.
    nadamw.json  NAdam with decoupled weight decay: optax.nadamw (add_decayed_weights before
                 scale_by_learning_rate, mask None) and keras.optimizers.Nadam(weight_decay)
                 (the base class's decay, w <- w - w*wd*lr before the step); on dense4
                 optax's case also sets eps_root.

    weight_decay.json  weight decay where the library has it and adalab had not: AMSGrad as
                 torch.optim.Adam(amsgrad=True, weight_decay) with L2 and with
                 decoupled_weight_decay=True, keras.optimizers.Adam(amsgrad=True,
                 weight_decay) (the base class's decay), and keras.optimizers.Lion(weight_decay).

Non-default hyperparameters everywhere: toy and sparse at lr 0.1, betas (0.9, 0.999) and
the library's eps, dense4 at lr 0.05, betas (0.85, 0.99), eps 1e-7.

Library versions used for the committed files: see the "versions" field of each file
(torch 2.x, keras 3.x on the JAX backend, optax 0.2.x, jax 0.x, numpy 2.x; float64).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402

import generate as G  # noqa: E402  (float64 everywhere, Keras on JAX)
import generate_options as GO  # noqa: E402  (dense4, run_optax_tx, new_optimizer_cases)

OUT = os.path.join(HERE, "conformance", "options")
GENERATOR = "Fixtures/generate_adam_options.py"
DATASETS = GO.DATASETS


def torch_tensors(ds):
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    return w, b


# ----------------------------------------------------------------------------------------
# AdamW with amsgrad
# ----------------------------------------------------------------------------------------


def torch_amsgrad_run(make, ds, batch):
    """A torch optimizer with amsgrad=True made by `make([w, b])`, recording m, v and
    max_exp_avg_sq as vmax."""
    X, Y = ds["x"], ds["y"]
    w, b = torch_tensors(ds)
    o = make([w, b])
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        sw, sb = o.state[w], o.state[b]
        rec.add(w=w.detach().numpy(), b=b.detach().numpy(), dw=dw, db=db,
                m_w=sw["exp_avg"].numpy(), m_b=sb["exp_avg"].numpy(),
                v_w=sw["exp_avg_sq"].numpy(), v_b=sb["exp_avg_sq"].numpy(),
                vmax_w=sw["max_exp_avg_sq"].numpy(), vmax_b=sb["max_exp_avg_sq"].numpy())
    return rec.steps


def adamw_amsgrad_torch(ds, batch, S):
    return torch_amsgrad_run(lambda params: torch.optim.AdamW(
        params, lr=S["eta"], betas=(S["beta1"], S["beta2"]), eps=S["epsilon"],
        weight_decay=S["weight_decay"], amsgrad=True, foreach=False), ds, batch)


def keras_run(o, ds, batch, state):
    """generate_options.keras_run, checking that the learning rate stayed float64."""
    steps = GO.keras_run(o, ds, batch, state)
    assert o._learning_rate.dtype == "float64"
    return steps


keras_slot = GO.keras_slot


def adamw_amsgrad_keras(ds, batch, S):
    o = G.keras.optimizers.AdamW(learning_rate=S["eta"], beta_1=S["beta1"], beta_2=S["beta2"],
                                 epsilon=S["epsilon"], weight_decay=S["weight_decay"],
                                 amsgrad=True)
    return keras_run(o, ds, batch, lambda o, var: {
        "m": keras_slot(o, o._momentums, var), "v": keras_slot(o, o._velocities, var),
        "vmax": keras_slot(o, o._velocity_hats, var)})


def adamw_amsgrad_lecture(ds, batch, S):
    """The notes' AdamW with AMSGrad's raw maximum, each parameter on its own, in the order
    of generate.py's lecture port of adamw and amsgrad."""
    X, Y = ds["x"], ds["y"]
    b1, b2, eta, eps, wd = S["beta1"], S["beta2"], S["eta"], S["epsilon"], S["weight_decay"]
    params = {"w": ds["w0"].copy(), "b": np.float64(ds["b0"])}
    zero = lambda: {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    m, v, vmax = zero(), zero(), zero()
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(params["w"], params["b"], X[idx], Y[idx])
        grads = {"w": dw, "b": np.float64(db)}
        for p in ("w", "b"):
            g = grads[p]
            x = params[p] * (1 - eta * wd)
            m[p] = b1 * m[p] + (1 - b1) * g
            v[p] = b2 * v[p] + (1 - b2) * g**2
            m_hat = m[p] / (1 - b1**t)
            vmax[p] = np.maximum(vmax[p], v[p])
            params[p] = x - eta * m_hat / (np.sqrt(vmax[p] / (1 - b2**t)) + eps)
        rec.add(w=params["w"], b=params["b"], dw=dw, db=db, m_w=m["w"], m_b=m["b"],
                v_w=v["w"], v_b=v["b"], vmax_w=vmax["w"], vmax_b=vmax["b"])
    return rec.steps


AMSGRAD_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "weight_decay": 0.01}
AMSGRAD_DENSE = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7, "weight_decay": 0.05}


def adamw_amsgrad_cases():
    cases = GO.new_optimizer_cases(
        "adamw",
        {"lecture": adamw_amsgrad_lecture, "pytorch": adamw_amsgrad_torch,
         "keras": adamw_amsgrad_keras},
        AMSGRAD_PLAIN, AMSGRAD_DENSE)
    for c in cases:
        c["switches"] = {"amsgrad_max": "raw"}
    return cases


# ----------------------------------------------------------------------------------------
# optax's eps_root
# ----------------------------------------------------------------------------------------


def run_optax_amsgrad(tx, ds, batch):
    """optax.amsgrad, recording nu_max as vmax."""
    def nu_max(state):
        vmax = G.find_state(state, "nu_max")
        return {"vmax_w": np.asarray(vmax["w"]), "vmax_b": np.asarray(vmax["b"])}
    return GO.run_optax_tx(tx, ds, batch, also=nu_max)


def optax_common(S):
    return dict(learning_rate=S["eta"], b1=S["beta1"], b2=S["beta2"], eps=S["epsilon"],
                eps_root=S["eps_root"])


EPS_ROOT_RUNNERS = {
    "adam": lambda ds, batch, S: GO.run_optax_tx(optax.adam(**optax_common(S)), ds, batch),
    "adamw": lambda ds, batch, S: GO.run_optax_tx(
        optax.adamw(**optax_common(S), weight_decay=S["weight_decay"]), ds, batch),
    "nadam": lambda ds, batch, S: GO.run_optax_tx(optax.nadam(**optax_common(S)), ds, batch),
    "amsgrad": lambda ds, batch, S: run_optax_amsgrad(optax.amsgrad(**optax_common(S)), ds, batch),
    "radam": lambda ds, batch, S: GO.run_optax_tx(optax.radam(**optax_common(S)), ds, batch),
}
EPS_ROOT_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "eps_root": 1e-4}
EPS_ROOT_DENSE = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7, "eps_root": 1e-3}


def eps_root_cases():
    cases = []
    for name, run in EPS_ROOT_RUNNERS.items():
        plain, dense = dict(EPS_ROOT_PLAIN), dict(EPS_ROOT_DENSE)
        if name == "adamw":
            plain["weight_decay"], dense["weight_decay"] = 1e-3, 0.05
        cases += GO.new_optimizer_cases(name, {"optax": run}, plain, dense)
    return cases


# ----------------------------------------------------------------------------------------
# NAdam with decoupled weight decay: optax.nadamw, keras Nadam(weight_decay)
# ----------------------------------------------------------------------------------------


def nadamw_optax(ds, batch, S):
    tx = optax.nadamw(learning_rate=S["eta"], b1=S["beta1"], b2=S["beta2"], eps=S["epsilon"],
                      eps_root=S.get("eps_root", 0.0), weight_decay=S["weight_decay"])
    return GO.run_optax_tx(tx, ds, batch)


def nadam_keras(ds, batch, S):
    o = G.keras.optimizers.Nadam(learning_rate=S["eta"], beta_1=S["beta1"], beta_2=S["beta2"],
                                 epsilon=S["epsilon"], weight_decay=S["weight_decay"])
    return keras_run(o, ds, batch, lambda o, var: {
        "m": keras_slot(o, o._momentums, var), "v": keras_slot(o, o._velocities, var)})


NADAMW_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "weight_decay": 0.01}
NADAMW_DENSE = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7, "weight_decay": 0.05}


def nadamw_cases():
    return (
        GO.new_optimizer_cases("nadam", {"optax": nadamw_optax},
                               dict(NADAMW_PLAIN, epsilon=1e-8),
                               dict(NADAMW_DENSE, eps_root=1e-3))
        + GO.new_optimizer_cases("nadam", {"keras": nadam_keras},
                                 dict(NADAMW_PLAIN, epsilon=1e-7), NADAMW_DENSE))


# ----------------------------------------------------------------------------------------
# Weight decay: AMSGrad (torch L2 and decoupled, keras), Lion (keras)
# ----------------------------------------------------------------------------------------


def amsgrad_torch(ds, batch, S):
    return torch_amsgrad_run(lambda params: torch.optim.Adam(
        params, lr=S["eta"], betas=(S["beta1"], S["beta2"]), eps=S["epsilon"],
        weight_decay=S["weight_decay"], amsgrad=True,
        decoupled_weight_decay=bool(S["decoupled_weight_decay"]), foreach=False), ds, batch)


def amsgrad_keras(ds, batch, S):
    o = G.keras.optimizers.Adam(learning_rate=S["eta"], beta_1=S["beta1"], beta_2=S["beta2"],
                                epsilon=S["epsilon"], weight_decay=S["weight_decay"],
                                amsgrad=True)
    return keras_run(o, ds, batch, lambda o, var: {
        "m": keras_slot(o, o._momentums, var), "v": keras_slot(o, o._velocities, var),
        "vmax": keras_slot(o, o._velocity_hats, var)})


def lion_keras(ds, batch, S):
    o = G.keras.optimizers.Lion(learning_rate=S["eta"], beta_1=S["beta1"], beta_2=S["beta2"],
                                weight_decay=S["weight_decay"])
    return keras_run(o, ds, batch, lambda o, var: {"m": keras_slot(o, o._momentums, var)})


def weight_decay_cases():
    cases = []
    for decoupled in (0.0, 1.0):
        cases += GO.new_optimizer_cases(
            "amsgrad", {"pytorch": amsgrad_torch},
            dict(AMSGRAD_PLAIN, decoupled_weight_decay=decoupled),
            dict(AMSGRAD_DENSE, decoupled_weight_decay=decoupled))
    cases += GO.new_optimizer_cases(
        "amsgrad", {"keras": amsgrad_keras}, dict(AMSGRAD_PLAIN, epsilon=1e-7), AMSGRAD_DENSE)
    cases += GO.new_optimizer_cases(
        "lion", {"keras": lion_keras},
        {"eta": 0.1, "beta1": 0.9, "beta2": 0.99, "weight_decay": 0.01},
        {"eta": 0.02, "beta1": 0.8, "beta2": 0.95, "weight_decay": 0.1})
    return cases


def main():
    datasets_json = {
        k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])} for k, v in DATASETS.items()
    }
    for name, cases in (("adamw_amsgrad", adamw_amsgrad_cases()), ("eps_root", eps_root_cases()),
                        ("nadamw", nadamw_cases()), ("weight_decay", weight_decay_cases())):
        G.write_json(os.path.join(OUT, name + ".json"), {
            "generator": GENERATOR,
            "versions": G.VERSIONS,
            "datasets": datasets_json,
            "cases": cases,
        })


if __name__ == "__main__":
    main()
