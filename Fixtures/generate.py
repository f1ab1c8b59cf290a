#!/usr/bin/env python3
"""Regenerate every conformance fixture of adalab.

Run from the repository root:

    python3 Fixtures/generate.py

It writes
    Fixtures/conformance/<optimizer>.json   (gd momentum nag adagrad rmsprop adadelta
                                             adam amsgrad adamax maxprop nadam adamw)
    Fixtures/listings.json                  (the lecture notes' three code listings)
    Fixtures/defaults.json                  (constructor defaults read from the libraries)

Library versions it was written against (the versions actually used are recorded in
every file under "versions"):
    Python 3.11, numpy 2.4.x, torch 2.15 (CPU), keras 3.15 (JAX backend),
    jax 0.10.x, optax 0.2.8.

Everything runs in float64: torch.set_default_dtype(torch.float64), jax_enable_x64,
keras.config.set_floatx("float64").  KERAS_BACKEND is forced to "jax" below, before
keras is imported.

Model: f(x) = sigmoid(w.x + b), L = sum_i 1/2 (f(x_i) - y_i)^2 (a SUM over the batch).
The gradient is computed here in numpy float64 (no autodiff) and handed to each
library's optimizer; the libraries only perform the update.  All optimizer state
recorded in the fixtures is read back from the libraries' own state objects
(torch opt.state[p], keras optimizer variables, optax state tuples).

State names in the fixtures (adalab meaning), and the conversions applied:
    m_w, m_b     first moment, raw (not bias-corrected)
                 torch exp_avg, keras momentum (Adam/Nadam) or _m (Adamax), optax mu
    v_w, v_b     second moment / accumulator / infinity norm
                 torch sum / square_avg / exp_avg_sq / exp_inf,
                 keras accumulator / velocity / accumulated_grad / norm (_u),
                 optax sum_of_squares / nu / e_g
    u_w, u_b     AdaDelta: EMA of squared updates (torch acc_delta, keras
                 accumulated_delta_var, optax e_x).
                 momentum / nag: velocity in the LECTURE scale u (u = beta*u + eta*g; w -= u):
                     torch momentum_buffer b  (b = mu*b + g, w -= lr*b)   ->  u =  lr * b
                     keras momentum m         (m = mu*m - lr*g, w += m)   ->  u = -m
                     optax trace t            (t = g + mu*t, w -= lr*t)   ->  u =  lr * t
    vmax_w, vmax_b  AMSGrad running max, as the library keeps it:
                 torch max_exp_avg_sq (max of raw v), keras velocity_hat (max of raw v),
                 optax nu_max (max of bias-corrected v / (1 - b2^t)).
Step k of every recorded array is the state after update t = k + 1; dw/db is the
gradient used by that update (for lecture NAG: the gradient at the look-ahead point).
"""

import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import inspect
import json
import math
import sys

import numpy as np
import torch

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import optax
import keras

keras.config.set_floatx("float64")
torch.set_default_dtype(torch.float64)  # also makes torch's step / mu_product scalars float64

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_CONF = os.path.join(HERE, "conformance")
N_UPDATES = 100
VERSIONS = {
    "torch": torch.__version__,
    "keras": keras.__version__,
    "optax": optax.__version__,
    "jax": jax.__version__,
    "numpy": np.__version__,
    "python": sys.version.split()[0],
}
GENERATOR = "Fixtures/generate.py"

# ----------------------------------------------------------------------------------------
# Model and gradient (numpy float64, no autodiff)
# ----------------------------------------------------------------------------------------


def sigmoid(z):
    """The notes' logistic function 1/(1+exp(-z)), with the C library's exp (math.exp).

    IEEE arithmetic makes this form safe (exp(-z) overflows to inf and 1/(1+inf) is 0), and
    it is the form adalab evaluates, so given the same parameters both compute the same
    gradient bit for bit; the conformance tests then see only the optimizers' own rounding.
    """
    try:
        return 1.0 / (1.0 + math.exp(-z))
    except OverflowError:
        return 0.0


def loss_and_grad(w, b, X, Y):
    """L = sum 1/2 (f - y)^2; dw_j = sum (f-y) f (1-f) x_ij; db = sum (f-y) f (1-f).

    A plain sequential loop in adalab's order (z = b + w_1 x_1 + ... + w_d x_d; the sums
    accumulate point by point), so the summation order is the same as adalab's.
    """
    X = np.asarray(X, dtype=np.float64)
    w = [float(v) for v in np.asarray(w, dtype=np.float64).reshape(-1)]
    d = len(w)
    L = 0.0
    dw = [0.0] * d
    db = 0.0
    for row, y in zip(X, Y):
        row = [float(v) for v in row]
        z = float(b)
        for j in range(d):
            z += w[j] * row[j]
        f = sigmoid(z)
        r = f - float(y)
        L += 0.5 * r * r
        slope = r * f * (1.0 - f)
        for j in range(d):
            dw[j] += slope * row[j]
        db += slope
    return L, np.array(dw, dtype=np.float64), db


# ----------------------------------------------------------------------------------------
# Data sets
# ----------------------------------------------------------------------------------------


def make_sparse():
    """12 points x 4 features; feature index 1 non-zero in exactly 2 points."""
    rng = np.random.default_rng(20240917)
    n, d = 12, 4
    X = rng.uniform(-1.0, 1.0, size=(n, d))
    X[:, 1] = 0.0
    rows = np.sort(rng.choice(n, size=2, replace=False))
    X[rows, 1] = rng.choice([-1.0, 1.0], size=2) * rng.uniform(0.5, 1.0, size=2)
    X = np.round(X, 4)
    w_star = np.array([1.5, 3.0, -2.0, 0.75])
    b_star = -0.25
    Y = np.round(np.array([sigmoid(float(z)) for z in X @ w_star + b_star]), 6)
    assert np.count_nonzero(X[:, 1]) == 2
    assert np.all((Y > 0) & (Y < 1))
    return X, Y


TOY_X = np.array([[0.5], [2.5]])
TOY_Y = np.array([0.2, 0.9])
SP_X, SP_Y = make_sparse()
DATASETS = {
    "toy": {"x": TOY_X, "y": TOY_Y, "w0": np.array([-2.0]), "b0": -2.0, "batches": ["full", 1]},
    "sparse": {
        "x": SP_X,
        "y": SP_Y,
        "w0": np.array([0.5, -0.5, 0.25, -0.25]),
        "b0": 0.0,
        "batches": ["full", 4],
    },
}


def batch_indices(n, batch, t):
    """Rows used by update t (t counts from 1). "full": all rows; k: consecutive chunks of
    k rows in data order, no shuffle, wrapping to the start after the last chunk."""
    if batch == "full":
        return np.arange(n)
    chunks = n // batch
    assert chunks * batch == n
    c = (t - 1) % chunks
    return np.arange(c * batch, (c + 1) * batch)


def sanity_check():
    L, dw, db = loss_and_grad(np.array([-2.0]), -2.0, TOY_X, TOY_Y)
    ref = (0.41581990101999289, -0.0054923192156398635, -0.0077111592152144257)
    for got, want in zip((L, dw[0], db), ref):
        assert abs(got - want) <= 1e-15 * abs(want), (got, want)
    print(f"sanity: L={L!r} dL/dw={dw[0]!r} dL/db={db!r}  (match to 1e-15 relative)")


# ----------------------------------------------------------------------------------------
# Recording helpers
# ----------------------------------------------------------------------------------------


def fl(x):
    x = float(x)
    assert math.isfinite(x), x
    return x


def flist(a):
    return [fl(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


class Recorder:
    def __init__(self):
        self.steps = {}

    def add(self, **kw):
        for k, v in kw.items():
            if k.endswith("_w") or k in ("w", "dw"):
                val = flist(v)
            else:
                val = fl(np.asarray(v, dtype=np.float64).reshape(()))
            self.steps.setdefault(k, []).append(val)


def state_names(opt_name):
    return {
        "gd": [],
        "momentum": ["u"],
        "nag": ["u"],
        "adagrad": ["v"],
        "rmsprop": ["v"],
        "adadelta": ["v", "u"],
        "adam": ["m", "v"],
        "adamw": ["m", "v"],
        "amsgrad": ["m", "v", "vmax"],
        "adamax": ["m", "v"],
        "maxprop": ["v"],
        "nadam": ["m", "v"],
    }[opt_name]


# ----------------------------------------------------------------------------------------
# Lecture convention: line-by-line numpy implementation of the notes' rules
# ----------------------------------------------------------------------------------------

LECTURE_SETTINGS = {
    "gd": {"eta": 0.1},
    "momentum": {"eta": 0.1, "beta": 0.9},
    "nag": {"eta": 0.1, "beta": 0.9},
    "adagrad": {"eta": 0.1, "epsilon": 1e-8, "v_init": 0.0},
    "rmsprop": {"eta": 0.1, "beta": 0.5, "epsilon": 1e-4},
    "adadelta": {"beta": 0.9, "epsilon": 1e-6},
    "adam": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
    "amsgrad": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
    "adamax": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
    "maxprop": {"eta": 0.1, "beta": 0.9, "epsilon": 1e-8},
    "nadam": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
    "adamw": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "weight_decay": 0.01},
}


def run_lecture(opt, ds, batch):
    """Each parameter p in (w, b) carries its own state; the rule is written once per
    parameter exactly as in the brief (operation order matters for bit-exactness)."""
    S = LECTURE_SETTINGS[opt]
    X, Y = ds["x"], ds["y"]
    params = {"w": ds["w0"].copy(), "b": np.float64(ds["b0"])}
    zeros = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    st = {k: dict(zeros) for k in ("m", "v", "u", "vmax")}
    rec = Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = batch_indices(len(Y), batch, t)
        if opt == "nag":
            beta = S["beta"]
            wl = params["w"] - beta * st["u"]["w"]
            bl = params["b"] - beta * st["u"]["b"]
            _, dw, db = loss_and_grad(wl, bl, X[idx], Y[idx])
        else:
            _, dw, db = loss_and_grad(params["w"], params["b"], X[idx], Y[idx])
        grads = {"w": dw, "b": np.float64(db)}
        for p in ("w", "b"):
            g = grads[p]
            x = params[p]
            m, v, u, vmax = st["m"][p], st["v"][p], st["u"][p], st["vmax"][p]
            if opt == "gd":
                x = x - S["eta"] * g
            elif opt in ("momentum", "nag"):
                u = S["beta"] * u + S["eta"] * g
                x = x - u
            elif opt == "adagrad":
                v = v + g**2
                x = x - S["eta"] * g / (np.sqrt(v) + S["epsilon"])
            elif opt == "rmsprop":
                v = S["beta"] * v + (1 - S["beta"]) * g**2
                x = x - S["eta"] * g / (np.sqrt(v) + S["epsilon"])
            elif opt == "adadelta":
                beta, eps = S["beta"], S["epsilon"]
                v = beta * v + (1 - beta) * g**2
                delta = np.sqrt(u + eps) / np.sqrt(v + eps) * g
                x = x - delta
                u = beta * u + (1 - beta) * delta**2
            elif opt == "maxprop":
                v = np.maximum(S["beta"] * v, np.abs(g))
                x = x - S["eta"] * g / (v + S["epsilon"])
            else:  # adam family
                b1, b2, eta, eps = S["beta1"], S["beta2"], S["eta"], S["epsilon"]
                if opt == "adamw":
                    x = x * (1 - eta * S["weight_decay"])
                m = b1 * m + (1 - b1) * g
                if opt == "adamax":
                    v = np.maximum(b2 * v, np.abs(g))
                    m_hat = m / (1 - b1**t)
                    x = x - eta * m_hat / (v + eps)
                else:
                    v = b2 * v + (1 - b2) * g**2
                    m_hat = m / (1 - b1**t)
                    v_hat = v / (1 - b2**t)
                    if opt in ("adam", "adamw"):
                        x = x - eta * m_hat / (np.sqrt(v_hat) + eps)
                    elif opt == "amsgrad":
                        vmax = np.maximum(vmax, v)
                        x = x - eta * m_hat / (np.sqrt(vmax / (1 - b2**t)) + eps)
                    elif opt == "nadam":
                        x = x - eta / (np.sqrt(v_hat) + eps) * (b1 * m_hat + (1 - b1) * g / (1 - b1**t))
                    else:
                        raise ValueError(opt)
            params[p] = x
            st["m"][p], st["v"][p], st["u"][p], st["vmax"][p] = m, v, u, vmax
        row = {"w": params["w"], "b": params["b"], "dw": dw, "db": db}
        for s in state_names(opt):
            row[s + "_w"] = st[s]["w"]
            row[s + "_b"] = st[s]["b"]
        rec.add(**row)
    return dict(S), rec.steps


# ----------------------------------------------------------------------------------------
# PyTorch
# ----------------------------------------------------------------------------------------

LR = 0.1
LR_ADADELTA = 1.0


def torch_make(opt, params):
    O = torch.optim
    lr = LR_ADADELTA if opt == "adadelta" else LR
    if opt == "gd":
        o = O.SGD(params, lr=lr, foreach=False)
    elif opt == "momentum":
        o = O.SGD(params, lr=lr, momentum=0.9, foreach=False)
    elif opt == "nag":
        o = O.SGD(params, lr=lr, momentum=0.9, nesterov=True, foreach=False)
    elif opt == "adagrad":
        o = O.Adagrad(params, lr=lr, foreach=False)
    elif opt == "rmsprop":
        o = O.RMSprop(params, lr=lr, foreach=False)
    elif opt == "adadelta":
        o = O.Adadelta(params, lr=lr, foreach=False)
    elif opt == "adam":
        o = O.Adam(params, lr=lr, foreach=False)
    elif opt == "amsgrad":
        o = O.Adam(params, lr=lr, amsgrad=True, foreach=False)
    elif opt == "adamax":
        o = O.Adamax(params, lr=lr, foreach=False)
    elif opt == "nadam":
        o = O.NAdam(params, lr=lr, foreach=False)
    elif opt == "adamw":
        o = O.AdamW(params, lr=lr, foreach=False)
    else:
        raise ValueError(opt)
    g = o.defaults
    S = {"eta": float(g["lr"])}
    if opt in ("momentum", "nag"):
        S["beta"] = float(g["momentum"])
        S["dampening"] = float(g["dampening"])
    if "betas" in g:
        S["beta1"], S["beta2"] = float(g["betas"][0]), float(g["betas"][1])
    if opt == "rmsprop":
        S["beta"] = float(g["alpha"])
    if opt == "adadelta":
        S["beta"] = float(g["rho"])
    if "eps" in g:
        S["epsilon"] = float(g["eps"])
    if opt == "adagrad":
        S["v_init"] = float(g["initial_accumulator_value"])
        S["lr_decay"] = float(g["lr_decay"])
    if opt == "nadam":
        S["momentum_decay"] = float(g["momentum_decay"])
    S["weight_decay"] = float(g["weight_decay"])
    return o, S


def torch_state(opt, o, p, lr):
    s = o.state[p]
    if opt in ("momentum", "nag"):
        return {"u": lr * s["momentum_buffer"].numpy()}  # u = lr * b (lecture scale)
    if opt == "adagrad":
        return {"v": s["sum"].numpy()}
    if opt == "rmsprop":
        return {"v": s["square_avg"].numpy()}
    if opt == "adadelta":
        return {"v": s["square_avg"].numpy(), "u": s["acc_delta"].numpy()}
    if opt in ("adam", "adamw", "nadam"):
        return {"m": s["exp_avg"].numpy(), "v": s["exp_avg_sq"].numpy()}
    if opt == "amsgrad":
        return {"m": s["exp_avg"].numpy(), "v": s["exp_avg_sq"].numpy(), "vmax": s["max_exp_avg_sq"].numpy()}
    if opt == "adamax":
        return {"m": s["exp_avg"].numpy(), "v": s["exp_inf"].numpy()}
    return {}


def run_torch(opt, ds, batch):
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    o, S = torch_make(opt, [w, b])
    lr = S["eta"]
    rec = Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = batch_indices(len(Y), batch, t)
        _, dw, db = loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        row = {"w": w.detach().numpy(), "b": b.detach().numpy(), "dw": dw, "db": db}
        sw, sb = torch_state(opt, o, w, lr), torch_state(opt, o, b, lr)
        for k in state_names(opt):
            row[k + "_w"] = sw[k]
            row[k + "_b"] = sb[k]
        rec.add(**row)
    S.pop("dampening", None)
    return S, rec.steps


# ----------------------------------------------------------------------------------------
# Keras (JAX backend)
# ----------------------------------------------------------------------------------------


def keras_make(opt, **override):
    K = keras.optimizers
    lr = LR_ADADELTA if opt == "adadelta" else LR
    if opt == "gd":
        o = K.SGD(learning_rate=lr, **override)
    elif opt == "momentum":
        o = K.SGD(learning_rate=lr, momentum=0.9, **override)
    elif opt == "nag":
        o = K.SGD(learning_rate=lr, momentum=0.9, nesterov=True, **override)
    elif opt == "adagrad":
        o = K.Adagrad(learning_rate=lr, **override)
    elif opt == "rmsprop":
        o = K.RMSprop(learning_rate=lr, **override)
    elif opt == "adadelta":
        o = K.Adadelta(learning_rate=lr, **override)
    elif opt == "adam":
        o = K.Adam(learning_rate=lr, **override)
    elif opt == "amsgrad":
        o = K.Adam(learning_rate=lr, amsgrad=True, **override)
    elif opt == "adamax":
        o = K.Adamax(learning_rate=lr, **override)
    elif opt == "nadam":
        o = K.Nadam(learning_rate=lr, **override)
    elif opt == "adamw":
        o = K.AdamW(learning_rate=lr, **override)
    else:
        raise ValueError(opt)
    c = o.get_config()
    S = {"eta": float(c["learning_rate"])}
    if opt in ("momentum", "nag"):
        S["beta"] = float(c["momentum"])
    if "beta_1" in c:
        S["beta1"], S["beta2"] = float(c["beta_1"]), float(c["beta_2"])
    if "rho" in c:
        S["beta"] = float(c["rho"])
    if "epsilon" in c:
        S["epsilon"] = float(c["epsilon"])
    if "initial_accumulator_value" in c:
        S["v_init"] = float(c["initial_accumulator_value"])
    S["weight_decay"] = 0.0 if c.get("weight_decay") is None else float(c["weight_decay"])
    return o, S


def keras_state(opt, o, var):
    i = o._get_variable_index(var)
    a = lambda v: np.asarray(v[i].value if hasattr(v[i], "value") else v[i], dtype=np.float64)
    if opt in ("momentum", "nag"):
        return {"u": -a(o.momentums)}  # u = -m (lecture scale)
    if opt == "adagrad":
        return {"v": a(o._accumulators)}
    if opt == "rmsprop":
        return {"v": a(o._velocities)}
    if opt == "adadelta":
        return {"v": a(o._accumulated_grads), "u": a(o._accumulated_delta_vars)}
    if opt in ("adam", "adamw", "nadam"):
        return {"m": a(o._momentums), "v": a(o._velocities)}
    if opt == "amsgrad":
        return {"m": a(o._momentums), "v": a(o._velocities), "vmax": a(o._velocity_hats)}
    if opt == "adamax":
        return {"m": a(o._m), "v": a(o._u)}
    return {}


def run_keras(opt, ds, batch, **override):
    X, Y = ds["x"], ds["y"]
    w = keras.Variable(ds["w0"].copy(), dtype="float64", name="w")
    b = keras.Variable(np.float64(ds["b0"]), dtype="float64", name="b")
    o, S = keras_make(opt, **override)
    rec = Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = batch_indices(len(Y), batch, t)
        wn = np.asarray(w.value, dtype=np.float64)
        bn = float(np.asarray(b.value))
        _, dw, db = loss_and_grad(wn, bn, X[idx], Y[idx])
        o.apply_gradients([(jnp.asarray(dw), w), (jnp.asarray(np.float64(db)), b)])
        row = {"w": np.asarray(w.value), "b": np.asarray(b.value), "dw": dw, "db": db}
        sw, sb = keras_state(opt, o, w), keras_state(opt, o, b)
        for k in state_names(opt):
            row[k + "_w"] = sw[k]
            row[k + "_b"] = sb[k]
        rec.add(**row)
    assert w.dtype == "float64" and o._learning_rate.dtype == "float64"
    return S, rec.steps


# ----------------------------------------------------------------------------------------
# optax
# ----------------------------------------------------------------------------------------


def optax_make(opt):
    lr = LR_ADADELTA if opt == "adadelta" else LR
    if opt == "gd":
        fn, kw = optax.sgd, {}
    elif opt == "momentum":
        fn, kw = optax.sgd, {"momentum": 0.9}
    elif opt == "nag":
        fn, kw = optax.sgd, {"momentum": 0.9, "nesterov": True}
    else:
        fn = {
            "adagrad": optax.adagrad,
            "rmsprop": optax.rmsprop,
            "adadelta": optax.adadelta,
            "adam": optax.adam,
            "amsgrad": optax.amsgrad,
            "adamax": optax.adamax,
            "nadam": optax.nadam,
            "adamw": optax.adamw,
        }[opt]
        kw = {}
    tx = fn(learning_rate=lr, **kw)
    sig = {k: p.default for k, p in inspect.signature(fn).parameters.items()}
    sig.update(kw)
    S = {"eta": lr}
    if opt in ("momentum", "nag"):
        S["beta"] = float(sig["momentum"])
    if "b1" in sig:
        S["beta1"], S["beta2"] = float(sig["b1"]), float(sig["b2"])
    if "decay" in sig:
        S["beta"] = float(sig["decay"])
    if "rho" in sig:
        S["beta"] = float(sig["rho"])
    if "eps" in sig:
        S["epsilon"] = float(sig["eps"])
    if "initial_accumulator_value" in sig:
        S["v_init"] = float(sig["initial_accumulator_value"])
    if "initial_scale" in sig:
        S["v_init"] = float(sig["initial_scale"])
    if "weight_decay" in sig:
        S["weight_decay"] = float(sig["weight_decay"])
    # Non-default-looking options that change the rule are all at their defaults:
    if "eps_root" in sig:
        assert sig["eps_root"] == 0.0
    if opt == "rmsprop":
        assert sig["eps_in_sqrt"] is True and sig["bias_correction"] is False
    return tx, S


def find_state(state, attr):
    """Depth-first search of an optax state (chain tuples of NamedTuples) for a field."""
    if hasattr(state, "_fields") and attr in state._fields:
        return getattr(state, attr)
    if isinstance(state, (tuple, list)):
        for s in state:
            r = find_state(s, attr)
            if r is not None:
                return r
    return None


def optax_state(opt, state, lr):
    def get(attr):
        tree = find_state(state, attr)
        assert tree is not None, (opt, attr)
        return {"w": np.asarray(tree["w"], dtype=np.float64), "b": np.asarray(tree["b"], dtype=np.float64)}

    if opt in ("momentum", "nag"):
        t = get("trace")
        return {"u": {k: lr * v for k, v in t.items()}}  # u = lr * trace (lecture scale)
    if opt == "adagrad":
        return {"v": get("sum_of_squares")}
    if opt == "rmsprop":
        return {"v": get("nu")}
    if opt == "adadelta":
        return {"v": get("e_g"), "u": get("e_x")}
    if opt in ("adam", "adamw", "nadam", "adamax"):
        return {"m": get("mu"), "v": get("nu")}
    if opt == "amsgrad":
        return {"m": get("mu"), "v": get("nu"), "vmax": get("nu_max")}
    return {}


def run_optax(opt, ds, batch):
    X, Y = ds["x"], ds["y"]
    tx, S = optax_make(opt)
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec = Recorder()
    for t in range(1, N_UPDATES + 1):
        idx = batch_indices(len(Y), batch, t)
        _, dw, db = loss_and_grad(np.asarray(params["w"]), float(params["b"]), X[idx], Y[idx])
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        assert params["w"].dtype == jnp.float64
        row = {"w": np.asarray(params["w"]), "b": np.asarray(params["b"]), "dw": dw, "db": db}
        st = optax_state(opt, state, S["eta"])
        for k in state_names(opt):
            row[k + "_w"] = st[k]["w"]
            row[k + "_b"] = st[k]["b"]
        rec.add(**row)
    return S, rec.steps


# ----------------------------------------------------------------------------------------
# The three code listings of the notes, ported line by line (scalar w, b; d = 1)
# ----------------------------------------------------------------------------------------

X = [0.5, 2.5]
Y = [0.2, 0.9]


def f(w, b, x):
    return 1.0 / (1.0 + np.exp(-(w * x + b)))


def grad_w(w, b, x, y):
    fx = f(w, b, x)
    return (fx - y) * fx * (1 - fx) * x


def grad_b(w, b, x, y):
    fx = f(w, b, x)
    return (fx - y) * fx * (1 - fx)


grad_w_sgd, grad_b_sgd = grad_w, grad_b


def do_adagrad(max_epochs, rec):
    # Initialization
    w, b, eta = -2, -2, 0.1
    v_w, v_b, eps = 0, 0, 1e-8  # the notes print "cps" here but use eps below
    for i in range(max_epochs):
        # zero grad
        dw, db = 0, 0
        for x, y in zip(X, Y):
            # compute the gradients
            dw = grad_w(w, b, x, y)
            db = grad_b(w, b, x, y)
            # compute intermediate values
            v_w = v_w + dw**2
            v_b = v_b + db**2
            # update parameters
            w = w - eta * dw / (np.sqrt(v_w) + eps)
            b = b - eta * db / (np.sqrt(v_b) + eps)
            rec.add(w=w, b=b, dw=dw, db=db, v_w=v_w, v_b=v_b)


def do_rmsprop(max_epochs, rec):
    # Initialization
    w, b, eta = -4, 4, 0.1
    beta = 0.5
    v_w, v_b, eps = 0, 0, 1e-4
    for i in range(max_epochs):
        # zero grad
        dw, db = 0, 0
        for x, y in zip(X, Y):
            # compute the gradients
            dw = grad_w(w, b, x, y)
            db = grad_b(w, b, x, y)
            # compute intermediate values
            v_w = beta * v_w + (1 - beta) * dw**2
            v_b = beta * v_b + (1 - beta) * db**2
            # update parameters
            w = w - eta * dw / (np.sqrt(v_w) + eps)
            b = b - eta * db / (np.sqrt(v_b) + eps)
            rec.add(w=w, b=b, dw=dw, db=db, v_w=v_w, v_b=v_b)


def do_adam_sgd(max_epochs, rec):
    # Initialization
    w, b, eta = -4, -4, 0.1
    beta1, beta2 = 0.9, 0.999
    m_w, m_b, v_w, v_b = 0, 0, 0, 0
    for i in range(max_epochs):
        dw, db = 0, 0
        eps = 1e-10
        for x, y in zip(X, Y):
            # compute the gradients
            dw = grad_w_sgd(w, b, x, y)
            db = grad_b_sgd(w, b, x, y)
            # compute intermediate values
            m_w = beta1 * m_w + (1 - beta1) * dw
            m_b = beta1 * m_b + (1 - beta1) * db
            v_w = beta2 * v_w + (1 - beta2) * dw**2
            v_b = beta2 * v_b + (1 - beta2) * db**2
            # bias correction with the EPOCH counter i (quirk kept)
            m_w_hat = m_w / (1 - np.power(beta1, i + 1))
            m_b_hat = m_b / (1 - np.power(beta1, i + 1))
            v_w_hat = v_w / (1 - np.power(beta2, i + 1))
            v_b_hat = v_b / (1 - np.power(beta2, i + 1))
            # update parameters
            w = w - eta * m_w_hat / (np.sqrt(v_w_hat) + eps)
            b = b - eta * m_b_hat / (np.sqrt(v_b_hat) + eps)
            rec.add(w=w, b=b, dw=dw, db=db, m_w=m_w, m_b=m_b, v_w=v_w, v_b=v_b)


def make_listings():
    out = []
    specs = [
        (
            do_adagrad,
            {"eta": 0.1, "epsilon": 1e-8, "v_init": 0.0},
            -2.0,
            -2.0,
            "adagrad, eps outside the root: w -= eta*dw/(sqrt(v)+eps); one update per point; "
            "the notes' listing declares 'cps' (typo) and uses eps",
        ),
        (
            do_rmsprop,
            {"eta": 0.1, "beta": 0.5, "epsilon": 1e-4},
            -4.0,
            4.0,
            "rmsprop, eps outside the root; one update per point",
        ),
        (
            do_adam_sgd,
            {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-10},
            -4.0,
            -4.0,
            "adam; bias correction uses np.power(beta, i+1) with i the EPOCH counter although it "
            "updates once per point (so both updates of epoch i use power i+1); eps = 1e-10",
        ),
    ]
    for fn, settings, w0, b0, note in specs:
        rec = Recorder()
        fn(50, rec)
        assert len(rec.steps["w"]) == 100
        out.append(
            {
                "name": fn.__name__,
                "max_epochs": 50,
                "batch": 1,
                "note": note,
                "settings": settings,
                "init": {"w": [w0], "b": b0},
                "steps": rec.steps,
            }
        )
    return {
        "generator": GENERATOR,
        "versions": VERSIONS,
        "data": {"x": [[0.5], [2.5]], "y": [0.2, 0.9]},
        "listings": out,
    }


# ----------------------------------------------------------------------------------------
# defaults.json
# ----------------------------------------------------------------------------------------

TORCH_CLASSES = {
    "gd": "SGD", "momentum": "SGD", "nag": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop",
    "adadelta": "Adadelta", "adam": "Adam", "amsgrad": "Adam", "adamax": "Adamax",
    "nadam": "NAdam", "adamw": "AdamW",
}
KERAS_CLASSES = {
    "gd": "SGD", "momentum": "SGD", "nag": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop",
    "adadelta": "Adadelta", "adam": "Adam", "amsgrad": "Adam", "adamax": "Adamax",
    "nadam": "Nadam", "adamw": "AdamW",
}
OPTAX_FUNCS = {
    "gd": "sgd", "momentum": "sgd", "nag": "sgd", "adagrad": "adagrad", "rmsprop": "rmsprop",
    "adadelta": "adadelta", "adam": "adam", "amsgrad": "amsgrad", "adamax": "adamax",
    "nadam": "nadam", "adamw": "adamw",
}


def num_or_null(v):
    if v is None or v is inspect.Parameter.empty:
        return None
    return fl(v)


def plain(v):
    if v is inspect.Parameter.empty:
        return "<required>"
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return repr(v)


def make_defaults():
    res = {"generator": GENERATOR, "versions": VERSIONS,
           "pytorch": {}, "keras": {}, "optax": {},
           "classes": {"pytorch": {}, "keras": {}, "optax": {}},
           "extra": {"pytorch": {}, "keras": {}, "optax": {}},
           "notes": [
               "Numbers are the constructor defaults as the library reports them "
               "(torch: opt.defaults; keras: get_config(); optax: inspect.signature).",
               "null = required argument without a default, or a None default "
               "(optax sgd momentum=None: no momentum; optax adadelta learning_rate=None: "
               "no learning-rate stage at all, i.e. the update is +Delta, not -Delta).",
               "keras weight_decay=None (no decay) is recorded as 0.0.",
               "momentum/nag share their class with gd; 'beta' is the library default momentum "
               "(0 for torch/keras), the fixtures use 0.9. amsgrad shares Adam's class "
               "(keras/torch amsgrad flag in 'extra').",
               "Options that are not adalab settings are listed verbatim under 'extra'.",
           ]}
    # --- torch
    tmap = {"lr": "eta", "eps": "epsilon", "weight_decay": "weight_decay",
            "lr_decay": "lr_decay", "initial_accumulator_value": "v_init",
            "momentum_decay": "momentum_decay", "rho": "beta", "alpha": "beta"}
    for name, cls in TORCH_CLASSES.items():
        p = torch.zeros(1, requires_grad=True)
        d = getattr(torch.optim, cls)([p]).defaults
        S, E = {}, {}
        for k, v in d.items():
            if k == "betas":
                S["beta1"], S["beta2"] = num_or_null(v[0]), num_or_null(v[1])
            elif k == "momentum" and cls == "SGD":
                S["beta"] = num_or_null(v)
            elif k in tmap and not isinstance(v, bool):
                S[tmap[k]] = num_or_null(v)
            else:
                E[k] = plain(v)
        res["pytorch"][name] = S
        res["extra"]["pytorch"][name] = E
        res["classes"]["pytorch"][name] = "torch.optim." + cls
    # --- keras
    kmap = {"learning_rate": "eta", "beta_1": "beta1", "beta_2": "beta2", "epsilon": "epsilon",
            "rho": "beta", "initial_accumulator_value": "v_init", "weight_decay": "weight_decay"}
    for name, cls in KERAS_CLASSES.items():
        c = getattr(keras.optimizers, cls)().get_config()
        S, E = {}, {}
        for k, v in c.items():
            if k == "momentum" and cls == "SGD":
                S["beta"] = num_or_null(v)
            elif k == "weight_decay":
                S["weight_decay"] = 0.0 if v is None else fl(v)
            elif k in kmap:
                S[kmap[k]] = num_or_null(v)
            elif k == "name":  # auto-numbered instance name, not a setting
                continue
            else:
                E[k] = plain(v)
        res["keras"][name] = S
        res["extra"]["keras"][name] = E
        res["classes"]["keras"][name] = "keras.optimizers." + cls
    # --- optax
    omap = {"learning_rate": "eta", "b1": "beta1", "b2": "beta2", "eps": "epsilon",
            "decay": "beta", "rho": "beta",
            "initial_accumulator_value": "v_init", "initial_scale": "v_init",
            "weight_decay": "weight_decay"}
    for name, fn in OPTAX_FUNCS.items():
        sig = inspect.signature(getattr(optax, fn))
        S, E = {}, {}
        for k, prm in sig.parameters.items():
            v = prm.default
            if k == "momentum" and fn == "sgd":
                S["beta"] = num_or_null(v)
            elif k in omap and not isinstance(v, bool):
                S[omap[k]] = num_or_null(v)
            else:
                E[k] = plain(v)
        res["optax"][name] = S
        res["extra"]["optax"][name] = E
        res["classes"]["optax"][name] = "optax." + fn
    return res


# ----------------------------------------------------------------------------------------
# JSON writing: structure indented, arrays of numbers on one line each
# ----------------------------------------------------------------------------------------


def _is_leafy(o):
    if isinstance(o, list):
        return all(isinstance(v, (int, float, str, bool)) or v is None or
                   (isinstance(v, list) and all(not isinstance(u, (list, dict)) for u in v)) for v in o)
    return False


def dumps(o, level=0):
    ind = " " * level
    if isinstance(o, dict):
        if not o:
            return "{}"
        items = [f'{ind} {json.dumps(k)}: {dumps(v, level + 1)}' for k, v in o.items()]
        return "{\n" + ",\n".join(items) + "\n" + ind + "}"
    if isinstance(o, list):
        if _is_leafy(o):
            return json.dumps(o, allow_nan=False, separators=(",", ":"))
        items = [f"{ind} {dumps(v, level + 1)}" for v in o]
        return "[\n" + ",\n".join(items) + "\n" + ind + "]"
    return json.dumps(o, allow_nan=False)


def write_json(path, obj):
    text = dumps(obj) + "\n"
    json.loads(text)  # round-trip check
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)
    print(f"wrote {os.path.relpath(path, os.path.dirname(HERE))} ({len(text)} bytes)")


# ----------------------------------------------------------------------------------------
# Cross-checks
# ----------------------------------------------------------------------------------------


def rel_diff(sa, sb, n=None, keys=("w", "b")):
    worst = 0.0
    for k in keys:
        A = np.asarray(sa[k], dtype=np.float64)
        B = np.asarray(sb[k], dtype=np.float64)
        if n is not None:
            A, B = A[:n], B[:n]
        den = np.maximum(np.abs(A), np.abs(B))
        r = np.where(den > 0, np.abs(A - B) / np.where(den > 0, den, 1), 0.0)
        worst = max(worst, float(np.max(r)))
    return worst


OPTIMIZERS = ["gd", "momentum", "nag", "adagrad", "rmsprop", "adadelta", "adam", "amsgrad",
              "adamax", "maxprop", "nadam", "adamw"]
RUNNERS = {"lecture": run_lecture, "pytorch": run_torch, "keras": run_keras, "optax": run_optax}


def main():
    sanity_check()
    datasets_json = {k: {"x": [flist(r) for r in v["x"]], "y": flist(v["y"])} for k, v in DATASETS.items()}
    results = {}
    for opt in OPTIMIZERS:
        conventions = ["lecture"] if opt == "maxprop" else ["lecture", "pytorch", "keras", "optax"]
        cases = []
        for conv in conventions:
            for dname, ds in DATASETS.items():
                for batch in ds["batches"]:
                    S, steps = RUNNERS[conv](opt, ds, batch)
                    assert all(len(v) == N_UPDATES for v in steps.values())
                    results[(opt, conv, dname, batch)] = steps
                    cases.append({
                        "optimizer": opt,
                        "convention": conv,
                        "dataset": dname,
                        "batch": batch,
                        "settings": S,
                        "init": {"w": flist(ds["w0"]), "b": fl(ds["b0"])},
                        "steps": steps,
                    })
        write_json(os.path.join(OUT_CONF, opt + ".json"), {
            "generator": GENERATOR,
            "versions": VERSIONS,
            "datasets": datasets_json,
            "cases": cases,
        })
    write_json(os.path.join(HERE, "listings.json"), make_listings())
    write_json(os.path.join(HERE, "defaults.json"), make_defaults())
    report(results)


def report(R):
    print("\n== agreement: max over steps and components of |a-b|/max(|a|,|b|) for w and b "
          "(unless other keys named); first 5 updates / all 100 ==")

    def show(label, a, b, keys=("w", "b")):
        for dname, batch in (("toy", "full"), ("toy", 1), ("sparse", "full"), ("sparse", 4)):
            A, B = R[a + (dname, batch)], R[b + (dname, batch)]
            print(f"  {label:44s} {dname:6s} {str(batch):4s}  5: {rel_diff(A, B, 5, keys):.3e}"
                  f"   100: {rel_diff(A, B, None, keys):.3e}")

    print("-- should agree")
    for opt in ("gd", "momentum", "nag"):
        show(f"{opt} pytorch vs keras", (opt, "pytorch"), (opt, "keras"))
        show(f"{opt} pytorch vs optax", (opt, "pytorch"), (opt, "optax"))
    show("momentum lecture vs pytorch", ("momentum", "lecture"), ("momentum", "pytorch"))
    show("momentum lecture vs pytorch (u)", ("momentum", "lecture"), ("momentum", "pytorch"), ("u_w", "u_b"))
    show("gd lecture vs pytorch", ("gd", "lecture"), ("gd", "pytorch"))
    show("adam lecture vs pytorch", ("adam", "lecture"), ("adam", "pytorch"))
    show("adam lecture vs optax", ("adam", "lecture"), ("adam", "optax"))
    show("adam pytorch vs optax", ("adam", "pytorch"), ("adam", "optax"))
    show("adam pytorch vs optax (m,v)", ("adam", "pytorch"), ("adam", "optax"), ("m_w", "m_b", "v_w", "v_b"))
    show("adagrad keras vs optax", ("adagrad", "keras"), ("adagrad", "optax"))
    show("adadelta lecture vs pytorch", ("adadelta", "lecture"), ("adadelta", "pytorch"))
    show("adadelta pytorch vs optax", ("adadelta", "pytorch"), ("adadelta", "optax"))
    show("adamax pytorch vs optax", ("adamax", "pytorch"), ("adamax", "optax"))
    show("adamw lecture vs pytorch", ("adamw", "lecture"), ("adamw", "pytorch"))
    show("amsgrad lecture vs pytorch", ("amsgrad", "lecture"), ("amsgrad", "pytorch"))
    # adadelta torch vs keras with the same rho/eps (not a fixture case)
    for dname, batch in (("toy", "full"), ("toy", 1), ("sparse", "full"), ("sparse", 4)):
        _, ks = run_keras("adadelta", DATASETS[dname], batch, rho=0.9, epsilon=1e-6)
        A = R[("adadelta", "pytorch", dname, batch)]
        print(f"  {'adadelta pytorch vs keras(rho .9, eps 1e-6)':44s} {dname:6s} {str(batch):4s}"
              f"  5: {rel_diff(A, ks, 5):.3e}   100: {rel_diff(A, ks):.3e}")
    show("momentum pytorch vs keras (u)", ("momentum", "pytorch"), ("momentum", "keras"), ("u_w", "u_b"))
    show("momentum pytorch vs optax (u)", ("momentum", "pytorch"), ("momentum", "optax"), ("u_w", "u_b"))
    show("nag pytorch vs keras (u)", ("nag", "pytorch"), ("nag", "keras"), ("u_w", "u_b"))
    show("adagrad keras vs optax (v)", ("adagrad", "keras"), ("adagrad", "optax"), ("v_w", "v_b"))
    show("adadelta pytorch vs optax (v,u)", ("adadelta", "pytorch"), ("adadelta", "optax"), ("v_w", "v_b", "u_w", "u_b"))
    show("adamax pytorch vs optax (m,v)", ("adamax", "pytorch"), ("adamax", "optax"), ("m_w", "m_b", "v_w", "v_b"))
    show("amsgrad lecture vs pytorch (vmax)", ("amsgrad", "lecture"), ("amsgrad", "pytorch"), ("vmax_w", "vmax_b"))
    # the listing do_adagrad is the lecture adagrad on toy with batch 1
    lst = {l["name"]: l for l in make_listings()["listings"]}
    print(f"  {'listing do_adagrad vs lecture adagrad toy 1':44s} all 100: "
          f"{rel_diff(lst['do_adagrad']['steps'], R[('adagrad', 'lecture', 'toy', 1)], None, ('w', 'b', 'v_w', 'v_b')):.3e}")
    print("-- isolated effects (extra runs, not fixture cases), toy/sparse")
    for dname, batch in (("toy", "full"), ("toy", 1), ("sparse", "full"), ("sparse", 4)):
        ds = DATASETS[dname]
        A = R[("adam", "pytorch", dname, batch)]
        _, K8 = run_keras("adam", ds, batch, epsilon=1e-8)
        print(f"  {'adam keras eps-hat (eps 1e-8) vs pytorch':44s} {dname:6s} {str(batch):4s}"
              f"  5: {rel_diff(A, K8, 5):.3e}   100: {rel_diff(A, K8):.3e}")
        L = R[("adagrad", "lecture", dname, batch)]
        _, KA = run_keras("adagrad", ds, batch, initial_accumulator_value=0.0, epsilon=1e-8)
        print(f"  {'adagrad eps placement only (v0 0, eps 1e-8)':44s} {dname:6s} {str(batch):4s}"
              f"  5: {rel_diff(L, KA, 5):.3e}   100: {rel_diff(L, KA):.3e}")
        A = R[("amsgrad", "pytorch", dname, batch)]
        O = R[("amsgrad", "optax", dname, batch)]
        print(f"  {'amsgrad max raw (torch) vs after bc (optax)':44s} {dname:6s} {str(batch):4s}"
              f"  5: {rel_diff(A, O, 5):.3e}   100: {rel_diff(A, O):.3e}")
    print("-- must differ")
    show("adam keras (eps-hat, eps 1e-7) vs pytorch", ("adam", "keras"), ("adam", "pytorch"))
    show("amsgrad keras (eps-hat, eps 1e-7) vs pytorch", ("amsgrad", "keras"), ("amsgrad", "pytorch"))
    show("adagrad lecture (eps 1e-8) vs pytorch (1e-10)", ("adagrad", "lecture"), ("adagrad", "pytorch"))
    show("adagrad pytorch vs keras", ("adagrad", "pytorch"), ("adagrad", "keras"))
    show("nadam optax vs pytorch", ("nadam", "optax"), ("nadam", "pytorch"))
    show("nadam keras vs pytorch", ("nadam", "keras"), ("nadam", "pytorch"))
    show("nadam lecture vs optax", ("nadam", "lecture"), ("nadam", "optax"))
    show("amsgrad optax (after bc) vs pytorch", ("amsgrad", "optax"), ("amsgrad", "pytorch"))
    show("adamax pytorch vs keras", ("adamax", "pytorch"), ("adamax", "keras"))
    show("adamax lecture vs keras", ("adamax", "lecture"), ("adamax", "keras"))
    show("rmsprop pytorch vs keras", ("rmsprop", "pytorch"), ("rmsprop", "keras"))
    show("rmsprop keras vs optax", ("rmsprop", "keras"), ("rmsprop", "optax"))
    show("adamw pytorch vs keras", ("adamw", "pytorch"), ("adamw", "keras"))
    show("adamw pytorch vs optax", ("adamw", "pytorch"), ("adamw", "optax"))


if __name__ == "__main__":
    main()
