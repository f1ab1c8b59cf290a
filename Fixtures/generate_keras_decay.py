#!/usr/bin/env python3
"""Conformance fixtures for Keras 3's base-class weight_decay on the Keras optimizers that
did not take it in adalab before the keras-decay branch (issue 11), PyTorch SGD's L2
weight_decay on plain gd, and optax radam's `threshold`.

Run from the repository root:

    /work/venv/bin/python Fixtures/generate_keras_decay.py

Keras 3 applies weight_decay in its base class (keras/src/optimizers/base_optimizer.py,
`apply`): the gradients are clipped first (`_clip_gradients`), then `_apply_weight_decay`
shrinks every variable, variable <- variable - variable * wd * lr with the current learning
rate, and only then `_backend_update_step` runs the optimizer's own update on the decayed
variable.  So every Keras optimizer gets the same decoupled decay, AdamW's.

It writes two files under Fixtures/conformance/options/, in the format of the other fixtures
(same model, gradient, batching, float64 and state names; see generate.py), reusing
generate.py's and generate_options.py's helpers and data sets (toy, sparse, dense4 with a
non-zero start), full batch and mini-batch, 100 updates each:

    keras_decay.json  keras.optimizers.SGD (gd; momentum; nesterov=True: nag), Adagrad,
                 RMSprop (plain, and centered with momentum), Adadelta, Adam, Adamax, each
                 with weight_decay; and torch.optim.SGD(momentum=0, weight_decay) (gd's L2
                 term, g <- g + wd*w).
    radam_threshold.json  optax.radam(threshold=...): rectified once rho_t >= threshold
                 (optax compares with >=; torch fixes rho_t > 5).  Thresholds 10 (toy,
                 sparse) and 8 (dense4, lr 0.05, b1 0.85, b2 0.99, eps 1e-7): with the
                 default b2 0.999 rho_t passes 5 at t = 6 and 10 at t = 11.

Non-default hyperparameters everywhere (see KERAS_PLAIN/KERAS_DENSE): toy and sparse at a
large rate with wd 0.01, dense4 at another rate, other betas/rho/eps and wd 0.05, so that the
decay moves w far beyond 1e-12 in every case.

Library versions used for the committed file: see its "versions" field (torch 2.15.0,
keras 3.15.1 on the JAX backend, optax 0.2.8, jax 0.10.2, numpy 2.4.6; float64).
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
import generate_options as GO  # noqa: E402  (dense4, new_optimizer_cases)

OUT = os.path.join(HERE, "conformance", "options")
GENERATOR = "Fixtures/generate_keras_decay.py"


def keras_optimizer(opt, S):
    """The Keras optimizer of adalab's `opt` with the case's settings (adalab names)."""
    K = G.keras.optimizers
    wd = S["weight_decay"]
    lr = S["eta"]
    if opt == "gd":
        return K.SGD(learning_rate=lr, weight_decay=wd)
    if opt in ("momentum", "nag"):
        return K.SGD(learning_rate=lr, momentum=S["beta"], nesterov=opt == "nag", weight_decay=wd)
    if opt == "adagrad":
        return K.Adagrad(learning_rate=lr, initial_accumulator_value=S["v_init"],
                         epsilon=S["epsilon"], weight_decay=wd)
    if opt == "rmsprop":
        return K.RMSprop(learning_rate=lr, rho=S["beta"], epsilon=S["epsilon"],
                         momentum=S.get("momentum", 0.0), centered=bool(S.get("centered", 0.0)),
                         weight_decay=wd)
    if opt == "adadelta":
        return K.Adadelta(learning_rate=lr, rho=S["beta"], epsilon=S["epsilon"], weight_decay=wd)
    if opt == "adam":
        return K.Adam(learning_rate=lr, beta_1=S["beta1"], beta_2=S["beta2"],
                      epsilon=S["epsilon"], weight_decay=wd)
    if opt == "adamax":
        return K.Adamax(learning_rate=lr, beta_1=S["beta1"], beta_2=S["beta2"],
                        epsilon=S["epsilon"], weight_decay=wd)
    raise ValueError(opt)


def keras_state(opt, o, var, S):
    """generate.py's state names, plus centered RMSprop's mean and its momentum buffer."""
    state = G.keras_state(opt, o, var)
    if opt == "rmsprop":
        i = o._get_variable_index(var)
        if S.get("centered"):
            state["m"] = np.asarray(o._average_gradients[i].value, dtype=np.float64)
        if S.get("momentum"):
            state["u"] = np.asarray(o._momentums[i].value, dtype=np.float64)
    return state


def run_keras(opt):
    def run(ds, batch, S):
        X, Y = ds["x"], ds["y"]
        w = G.keras.Variable(ds["w0"].copy(), dtype="float64", name="w")
        b = G.keras.Variable(np.float64(ds["b0"]), dtype="float64", name="b")
        o = keras_optimizer(opt, S)
        assert o.weight_decay == S["weight_decay"]
        rec = G.Recorder()
        for t in range(1, G.N_UPDATES + 1):
            idx = G.batch_indices(len(Y), batch, t)
            _, dw, db = G.loss_and_grad(np.asarray(w.value, dtype=np.float64),
                                        float(np.asarray(b.value)), X[idx], Y[idx])
            o.apply_gradients([(jnp.asarray(dw), w), (jnp.asarray(np.float64(db)), b)])
            row = {"w": np.asarray(w.value), "b": np.asarray(b.value), "dw": dw, "db": db}
            for k, v in keras_state(opt, o, w, S).items():
                row[k + "_w"] = v
            for k, v in keras_state(opt, o, b, S).items():
                row[k + "_b"] = v
            rec.add(**row)
        assert w.dtype == "float64" and o._learning_rate.dtype == "float64"
        return rec.steps
    return run


def gd_torch(ds, batch, S):
    """torch.optim.SGD without momentum: g <- g + wd*w (grad.add(param, alpha=wd)), then
    w <- w - lr*g."""
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    o = torch.optim.SGD([w, b], lr=S["eta"], weight_decay=S["weight_decay"], foreach=False)
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        rec.add(w=w.detach().numpy(), b=b.detach().numpy(), dw=dw, db=db)
    return rec.steps


# adalab's settings of each case: toy and sparse, then dense4.
KERAS_PLAIN = {
    "gd": {"eta": 0.5, "weight_decay": 0.01},
    "momentum": {"eta": 0.1, "beta": 0.9, "weight_decay": 0.01},
    "nag": {"eta": 0.1, "beta": 0.9, "weight_decay": 0.01},
    "adagrad": {"eta": 0.1, "v_init": 0.1, "epsilon": 1e-7, "weight_decay": 0.01},
    "rmsprop": {"eta": 0.01, "beta": 0.9, "epsilon": 1e-7, "weight_decay": 0.01},
    "adadelta": {"eta": 1.0, "beta": 0.95, "epsilon": 1e-7, "weight_decay": 0.01},
    "adam": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "weight_decay": 0.01},
    "adamax": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "weight_decay": 0.01},
}
KERAS_DENSE = {
    "gd": {"eta": 0.2, "weight_decay": 0.05},
    "momentum": {"eta": 0.05, "beta": 0.8, "weight_decay": 0.05},
    "nag": {"eta": 0.05, "beta": 0.8, "weight_decay": 0.05},
    "adagrad": {"eta": 0.05, "v_init": 0.01, "epsilon": 1e-6, "weight_decay": 0.05},
    "rmsprop": {"eta": 0.02, "beta": 0.8, "epsilon": 1e-6, "weight_decay": 0.05},
    "adadelta": {"eta": 0.5, "beta": 0.9, "epsilon": 1e-6, "weight_decay": 0.05},
    "adam": {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7, "weight_decay": 0.05},
    "adamax": {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7, "weight_decay": 0.05},
}


def keras_decay_cases():
    cases = []
    for opt in KERAS_PLAIN:
        cases += GO.new_optimizer_cases(opt, {"keras": run_keras(opt)}, KERAS_PLAIN[opt],
                                        KERAS_DENSE[opt])
    options = {"centered": 1.0, "momentum": 0.9}
    cases += GO.new_optimizer_cases(
        "rmsprop", {"keras": run_keras("rmsprop")}, dict(KERAS_PLAIN["rmsprop"], **options),
        dict(KERAS_DENSE["rmsprop"], **options))
    cases += GO.new_optimizer_cases("gd", {"pytorch": gd_torch}, KERAS_PLAIN["gd"],
                                    KERAS_DENSE["gd"])
    return cases


def radam_threshold(ds, batch, S):
    tx = optax.radam(learning_rate=S["eta"], b1=S["beta1"], b2=S["beta2"], eps=S["epsilon"],
                     threshold=S["threshold"])
    return GO.run_optax_tx(tx, ds, batch)


def radam_threshold_cases():
    return GO.new_optimizer_cases(
        "radam", {"optax": radam_threshold},
        {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "threshold": 10.0},
        {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7, "threshold": 8.0})


def main():
    datasets_json = {
        k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])}
        for k, v in GO.DATASETS.items()
    }
    for name, cases in (("keras_decay", keras_decay_cases()),
                        ("radam_threshold", radam_threshold_cases())):
        G.write_json(os.path.join(OUT, name + ".json"), {
            "generator": GENERATOR,
            "versions": G.VERSIONS,
            "datasets": datasets_json,
            "cases": cases,
        })


if __name__ == "__main__":
    main()
