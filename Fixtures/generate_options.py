#!/usr/bin/env python3
"""Conformance fixtures for the library options beyond each optimizer's defaults (issue 11).

Run from the repository root, after (or without) Fixtures/generate.py:

    python3 Fixtures/generate_options.py   # in a venv with numpy, torch, jax, optax, keras

It writes Fixtures/conformance/options/<family>.json in the format of
Fixtures/conformance/<optimizer>.json (same model, gradient, batching, float64 and state
names; see the docstring of generate.py), reusing generate.py's helpers.  Each case names
the settings it changes; the libraries run with exactly those constructor arguments.

Data sets: the toy set and the sparse set of generate.py with their starts, and "dense4",
16 points x 4 dense features with a non-zero start, run with non-default hyperparameters.

    adam_family.json  torch.optim.NAdam and RAdam with weight_decay, L2 (coupled) and with
               decoupled_weight_decay=True.  Toy and sparse at lr 0.1 and wd 0.01, dense4
               at lr 0.05, betas (0.85, 0.99), eps 1e-7, wd 0.05.
    sgd.json   PyTorch SGD: dampening (momentum) and L2 weight_decay (momentum, nesterov).
               Keras's SGD weight_decay is decoupled and optax's sgd has none: adalab
               refuses both, so there is nothing of theirs to record.

and, for the optimizers added since (beside the others, one file each):

    radam      torch.optim.RAdam, optax.radam, and the lecture convention: a line-by-line
               numpy port of the paper's Algorithm 2 (rectified when rho_t > 4) with the
               notes' eps outside the root.  Keras ships no RAdam.  Toy and sparse at the
               libraries' defaults (lr 0.1), dense4 at lr 0.05, b1 0.85, b2 0.99, eps 1e-7.
    adabelief  optax.adabelief and the lecture convention, the paper's Algorithm 2 (eps
               added to s, as optax's eps_root).  PyTorch and Keras ship none.  Toy and
               sparse at the defaults (lr 0.1, eps = eps_root = 1e-16), dense4 at lr 0.05,
               b1 0.85, b2 0.99, eps 1e-12, eps_root 1e-14.
    yogi       optax's yogi (scale_by_yogi then the learning rate, which is what optax.yogi
               chains, with initial_accumulator_value explicit) and the lecture convention,
               the paper's Algorithm 2 (m, v from 0, no bias correction).  PyTorch and
               Keras ship none.  Toy and sparse at the defaults (lr 0.1, eps 1e-3, optax's
               accumulator 1e-6), dense4 at lr 0.05, b1 0.85, b2 0.99, eps 1e-4, and
               optax's accumulator 1e-4 (the lecture's v from 1e-4 too, m from 0).
    lion       keras.optimizers.Lion, optax.lion and the lecture convention (the paper, as
               optax: w -= lr*(sign(c) + wd*w)).  PyTorch ships none.  Toy and sparse at
               lr 0.1, b1 0.9, b2 0.99 (optax's wd 1e-3, the others 0), dense4 at lr 0.02,
               b1 0.8, b2 0.95 (wd 0.1 for optax and lecture; Keras's Lion has none).
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

OUT = os.path.join(HERE, "conformance", "options")
GENERATOR = "Fixtures/generate_options.py"


def make_dense4():
    rng = np.random.default_rng(20261202)
    X = np.round(rng.uniform(-1.5, 1.5, size=(16, 4)), 4)
    w_star = np.array([0.8, -1.2, 0.5, 2.0])
    Y = np.round(np.array([G.sigmoid(float(z)) for z in X @ w_star + 0.3]), 6)
    return X, Y


D4_X, D4_Y = make_dense4()
DATASETS = {
    "toy": G.DATASETS["toy"],
    "sparse": G.DATASETS["sparse"],
    "dense4": {
        "x": D4_X,
        "y": D4_Y,
        "w0": np.array([0.3, -0.2, 0.1, 0.4]),
        "b0": 0.2,
        "batches": ["full", 4],
    },
}


def run_torch_sgd(opt, ds, batch, settings):
    """torch.optim.SGD with the adalab settings translated to its arguments; u = lr * buf."""
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    o = torch.optim.SGD(
        [w, b],
        lr=settings["eta"],
        momentum=settings["beta"],
        dampening=settings.get("dampening", 0.0),
        weight_decay=settings.get("weight_decay", 0.0),
        nesterov=opt == "nag",
        foreach=False,
    )
    g = o.defaults
    assert g["lr"] == settings["eta"] and g["momentum"] == settings["beta"]
    rec = G.Recorder()
    lr = settings["eta"]
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(w.detach().numpy().copy(), float(b.detach()), X[idx], Y[idx])
        w.grad = torch.tensor(dw, dtype=torch.float64)
        b.grad = torch.tensor(db, dtype=torch.float64)
        o.step()
        rec.add(
            w=w.detach().numpy(), b=b.detach().numpy(), dw=dw, db=db,
            u_w=lr * o.state[w]["momentum_buffer"].numpy(),
            u_b=lr * o.state[b]["momentum_buffer"].numpy(),
        )
    return rec.steps


# (optimizer, settings on toy and sparse, settings on dense4)
SGD_CASES = [
    ("momentum", {"eta": 0.1, "beta": 0.9, "dampening": 0.3},
     {"eta": 0.05, "beta": 0.8, "dampening": 0.5, "weight_decay": 0.02}),
    ("momentum", {"eta": 0.1, "beta": 0.9, "weight_decay": 0.01},
     {"eta": 0.2, "beta": 0.7, "weight_decay": 0.05}),
    ("nag", {"eta": 0.1, "beta": 0.9, "weight_decay": 0.01},
     {"eta": 0.05, "beta": 0.8, "weight_decay": 0.02}),
]


RADAM_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}
RADAM_DENSE = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7}


def radam_lecture(ds, batch, S):
    """The paper's Algorithm 2, each parameter on its own; eps outside sqrt(v_hat)."""
    X, Y = ds["x"], ds["y"]
    b1, b2, eta, eps = S["beta1"], S["beta2"], S["eta"], S["epsilon"]
    params = {"w": ds["w0"].copy(), "b": np.float64(ds["b0"])}
    m = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    v = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    rho_inf = 2 / (1 - b2) - 1
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(params["w"], params["b"], X[idx], Y[idx])
        grads = {"w": dw, "b": np.float64(db)}
        rho = rho_inf - 2 * t * b2**t / (1 - b2**t)
        for p in ("w", "b"):
            g = grads[p]
            m[p] = b1 * m[p] + (1 - b1) * g
            v[p] = b2 * v[p] + (1 - b2) * g**2
            m_hat = m[p] / (1 - b1**t)
            v_hat = v[p] / (1 - b2**t)
            if rho > 4:
                r = np.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
                params[p] = params[p] - r * eta / (np.sqrt(v_hat) + eps) * m_hat
            else:
                params[p] = params[p] - eta * m_hat
        rec.add(w=params["w"], b=params["b"], dw=dw, db=db,
                m_w=m["w"], m_b=m["b"], v_w=v["w"], v_b=v["b"])
    return rec.steps


def radam_torch(ds, batch, S):
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    o = torch.optim.RAdam([w, b], lr=S["eta"], betas=(S["beta1"], S["beta2"]),
                          eps=S["epsilon"], foreach=False)
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
                v_w=sw["exp_avg_sq"].numpy(), v_b=sb["exp_avg_sq"].numpy())
    return rec.steps


def radam_optax(ds, batch, S):
    X, Y = ds["x"], ds["y"]
    tx = optax.radam(learning_rate=S["eta"], b1=S["beta1"], b2=S["beta2"], eps=S["epsilon"])
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
        mu, nu = G.find_state(state, "mu"), G.find_state(state, "nu")
        rec.add(w=np.asarray(params["w"]), b=np.asarray(params["b"]), dw=dw, db=db,
                m_w=np.asarray(mu["w"]), m_b=np.asarray(mu["b"]),
                v_w=np.asarray(nu["w"]), v_b=np.asarray(nu["b"]))
    return rec.steps


def radam_cases():
    cases = []
    runners = {"lecture": radam_lecture, "pytorch": radam_torch, "optax": radam_optax}
    for conv, run in runners.items():
        for dname, ds in DATASETS.items():
            S = RADAM_DENSE if dname == "dense4" else RADAM_PLAIN
            for batch in ds["batches"]:
                steps = run(ds, batch, S)
                assert all(len(v) == G.N_UPDATES for v in steps.values())
                cases.append({
                    "optimizer": "radam", "convention": conv, "dataset": dname,
                    "batch": batch, "settings": dict(S),
                    "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])}, "steps": steps,
                })
    return cases


BELIEF_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-16, "eps_root": 1e-16}
BELIEF_DENSE = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-12, "eps_root": 1e-14}


def adabelief_lecture(ds, batch, S):
    """The paper's Algorithm 2, each parameter on its own."""
    X, Y = ds["x"], ds["y"]
    b1, b2, eta, eps, eps_root = S["beta1"], S["beta2"], S["eta"], S["epsilon"], S["eps_root"]
    params = {"w": ds["w0"].copy(), "b": np.float64(ds["b0"])}
    m = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    s = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(params["w"], params["b"], X[idx], Y[idx])
        grads = {"w": dw, "b": np.float64(db)}
        for p in ("w", "b"):
            g = grads[p]
            m[p] = b1 * m[p] + (1 - b1) * g
            s[p] = b2 * s[p] + (1 - b2) * (g - m[p]) ** 2 + eps_root
            m_hat = m[p] / (1 - b1**t)
            s_hat = s[p] / (1 - b2**t)
            params[p] = params[p] - eta * m_hat / (np.sqrt(s_hat) + eps)
        rec.add(w=params["w"], b=params["b"], dw=dw, db=db,
                m_w=m["w"], m_b=m["b"], v_w=s["w"], v_b=s["b"])
    return rec.steps


def run_optax_tx(tx, ds, batch, also=None):
    """Any optax transformation whose state keeps mu and nu, recorded as m and v; `also`,
    given the state, names more values to record after them (AMSGrad's nu_max)."""
    X, Y = ds["x"], ds["y"]
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
        mu, nu = G.find_state(state, "mu"), G.find_state(state, "nu")
        rec.add(w=np.asarray(params["w"]), b=np.asarray(params["b"]), dw=dw, db=db,
                m_w=np.asarray(mu["w"]), m_b=np.asarray(mu["b"]),
                v_w=np.asarray(nu["w"]), v_b=np.asarray(nu["b"]), **(also(state) if also else {}))
    return rec.steps


def adabelief_optax(ds, batch, S):
    tx = optax.adabelief(learning_rate=S["eta"], b1=S["beta1"], b2=S["beta2"],
                         eps=S["epsilon"], eps_root=S["eps_root"])
    return run_optax_tx(tx, ds, batch)


YOGI_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-3}
YOGI_DENSE = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-4, "v_init": 1e-4}


def yogi_lecture(ds, batch, S):
    """The paper's Algorithm 2: no bias correction; v from v_init, m from 0."""
    X, Y = ds["x"], ds["y"]
    b1, b2, eta, eps = S["beta1"], S["beta2"], S["eta"], S["epsilon"]
    v0 = S.get("v_init", 0.0)
    params = {"w": ds["w0"].copy(), "b": np.float64(ds["b0"])}
    m = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    v = {"w": np.full_like(ds["w0"], v0), "b": np.float64(v0)}
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(params["w"], params["b"], X[idx], Y[idx])
        grads = {"w": dw, "b": np.float64(db)}
        for p in ("w", "b"):
            g = grads[p]
            m[p] = b1 * m[p] + (1 - b1) * g
            g2 = g * g
            v[p] = v[p] - (1 - b2) * np.sign(v[p] - g2) * g2
            params[p] = params[p] - eta * m[p] / (np.sqrt(v[p]) + eps)
        rec.add(w=params["w"], b=params["b"], dw=dw, db=db,
                m_w=m["w"], m_b=m["b"], v_w=v["w"], v_b=v["b"])
    return rec.steps


def yogi_optax(ds, batch, S):
    tx = optax.chain(
        optax.scale_by_yogi(b1=S["beta1"], b2=S["beta2"], eps=S["epsilon"],
                            initial_accumulator_value=S["v_init"]),
        optax.scale_by_learning_rate(S["eta"]),
    )
    return run_optax_tx(tx, ds, batch)


LION_PLAIN = {"eta": 0.1, "beta1": 0.9, "beta2": 0.99, "weight_decay": 0.0}
LION_DENSE = {"eta": 0.02, "beta1": 0.8, "beta2": 0.95, "weight_decay": 0.1}


def lion_lecture(ds, batch, S):
    X, Y = ds["x"], ds["y"]
    b1, b2, eta, wd = S["beta1"], S["beta2"], S["eta"], S["weight_decay"]
    params = {"w": ds["w0"].copy(), "b": np.float64(ds["b0"])}
    m = {"w": np.zeros_like(ds["w0"]), "b": np.float64(0.0)}
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(params["w"], params["b"], X[idx], Y[idx])
        grads = {"w": dw, "b": np.float64(db)}
        for p in ("w", "b"):
            g = grads[p]
            c = b1 * m[p] + (1 - b1) * g
            params[p] = params[p] - eta * (np.sign(c) + wd * params[p])
            m[p] = b2 * m[p] + (1 - b2) * g
        rec.add(w=params["w"], b=params["b"], dw=dw, db=db, m_w=m["w"], m_b=m["b"])
    return rec.steps


def lion_optax(ds, batch, S):
    X, Y = ds["x"], ds["y"]
    tx = optax.lion(learning_rate=S["eta"], b1=S["beta1"], b2=S["beta2"],
                    weight_decay=S["weight_decay"])
    params = {"w": jnp.asarray(ds["w0"].copy()), "b": jnp.asarray(np.float64(ds["b0"]))}
    state = tx.init(params)
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(params["w"]), float(params["b"]), X[idx], Y[idx])
        grads = {"w": jnp.asarray(dw), "b": jnp.asarray(np.float64(db))}
        updates, state = tx.update(grads, state, params)
        params = optax.apply_updates(params, updates)
        mu = G.find_state(state, "mu")
        rec.add(w=np.asarray(params["w"]), b=np.asarray(params["b"]), dw=dw, db=db,
                m_w=np.asarray(mu["w"]), m_b=np.asarray(mu["b"]))
    return rec.steps


def keras_run(o, ds, batch, state):
    """Any Keras optimizer on w, b; `state(o, var)` gives the recorded state of a variable
    (names without the _w or _b)."""
    X, Y = ds["x"], ds["y"]
    w = G.keras.Variable(ds["w0"].copy(), dtype="float64", name="w")
    b = G.keras.Variable(np.float64(ds["b0"]), dtype="float64", name="b")
    rec = G.Recorder()
    for t in range(1, G.N_UPDATES + 1):
        idx = G.batch_indices(len(Y), batch, t)
        _, dw, db = G.loss_and_grad(np.asarray(w.value, dtype=np.float64),
                                    float(np.asarray(b.value)), X[idx], Y[idx])
        o.apply_gradients([(jnp.asarray(dw), w), (jnp.asarray(np.float64(db)), b)])
        row = {"w": np.asarray(w.value), "b": np.asarray(b.value), "dw": dw, "db": db}
        for k, v in state(o, w).items():
            row[k + "_w"] = v
        for k, v in state(o, b).items():
            row[k + "_b"] = v
        rec.add(**row)
    assert w.dtype == "float64"
    return rec.steps


def keras_slot(o, slots, var):
    """A Keras optimizer's slot (o._momentums, o._velocities, …) of `var`, as float64."""
    return np.asarray(slots[o._get_variable_index(var)].value, dtype=np.float64)


def lion_keras(ds, batch, S):
    assert S.get("weight_decay", 0.0) == 0.0
    o = G.keras.optimizers.Lion(learning_rate=S["eta"], beta_1=S["beta1"], beta_2=S["beta2"])
    return keras_run(o, ds, batch, lambda o, var: {"m": keras_slot(o, o._momentums, var)})


def new_optimizer_cases(name, runners, plain, dense):
    cases = []
    for conv, run in runners.items():
        for dname, ds in DATASETS.items():
            S = dense if dname == "dense4" else plain
            for batch in ds["batches"]:
                steps = run(ds, batch, S)
                assert all(len(v) == G.N_UPDATES for v in steps.values())
                cases.append({
                    "optimizer": name, "convention": conv, "dataset": dname,
                    "batch": batch, "settings": dict(S),
                    "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])}, "steps": steps,
                })
    return cases


def torch_adam_family(opt, ds, batch, S):
    """torch.optim.NAdam or RAdam with the case's weight decay; m, v from its state."""
    X, Y = ds["x"], ds["y"]
    w = torch.tensor(ds["w0"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(ds["b0"], dtype=torch.float64, requires_grad=True)
    cls = {"nadam": torch.optim.NAdam, "radam": torch.optim.RAdam}[opt]
    o = cls([w, b], lr=S["eta"], betas=(S["beta1"], S["beta2"]), eps=S["epsilon"],
            weight_decay=S["weight_decay"],
            decoupled_weight_decay=bool(S["decoupled_weight_decay"]), foreach=False)
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
                v_w=sw["exp_avg_sq"].numpy(), v_b=sb["exp_avg_sq"].numpy())
    return rec.steps


def adam_family_cases():
    cases = []
    for opt in ("nadam", "radam"):
        for decoupled in (0.0, 1.0):
            plain = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
                     "weight_decay": 0.01, "decoupled_weight_decay": decoupled}
            dense = {"eta": 0.05, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7,
                     "weight_decay": 0.05, "decoupled_weight_decay": decoupled}
            cases += new_optimizer_cases(
                opt, {"pytorch": lambda ds, batch, S, opt=opt: torch_adam_family(opt, ds, batch, S)},
                plain, dense)
    return cases


def main():
    cases = []
    for opt, plain, dense in SGD_CASES:
        for dname, ds in DATASETS.items():
            settings = dense if dname == "dense4" else plain
            for batch in ds["batches"]:
                steps = run_torch_sgd(opt, ds, batch, settings)
                assert all(len(v) == G.N_UPDATES for v in steps.values())
                cases.append({
                    "optimizer": opt,
                    "convention": "pytorch",
                    "dataset": dname,
                    "batch": batch,
                    "settings": dict(settings),
                    "init": {"w": G.flist(ds["w0"]), "b": G.fl(ds["b0"])},
                    "steps": steps,
                })
    datasets_json = {
        k: {"x": [G.flist(r) for r in v["x"]], "y": G.flist(v["y"])} for k, v in DATASETS.items()
    }
    G.write_json(os.path.join(OUT, "sgd.json"), {
        "generator": GENERATOR,
        "versions": G.VERSIONS,
        "datasets": datasets_json,
        "cases": cases,
    })
    G.write_json(os.path.join(OUT, "adam_family.json"), {
        "generator": GENERATOR,
        "versions": G.VERSIONS,
        "datasets": datasets_json,
        "cases": adam_family_cases(),
    })
    new = {
        "radam": radam_cases(),
        "adabelief": new_optimizer_cases(
            "adabelief", {"lecture": adabelief_lecture, "optax": adabelief_optax},
            BELIEF_PLAIN, BELIEF_DENSE),
        "lion": new_optimizer_cases("lion", {"lecture": lion_lecture}, LION_PLAIN, LION_DENSE)
        + new_optimizer_cases(
            "lion", {"optax": lion_optax}, dict(LION_PLAIN, weight_decay=1e-3), LION_DENSE)
        + new_optimizer_cases(
            "lion", {"keras": lion_keras},
            {k: v for k, v in LION_PLAIN.items() if k != "weight_decay"},
            {k: v for k, v in LION_DENSE.items() if k != "weight_decay"}),
        "yogi": new_optimizer_cases(
            "yogi", {"lecture": yogi_lecture}, YOGI_PLAIN, YOGI_DENSE)
        + new_optimizer_cases(
            "yogi", {"optax": yogi_optax}, dict(YOGI_PLAIN, v_init=1e-6), YOGI_DENSE),
    }
    for name, opt_cases in new.items():
        G.write_json(os.path.join(G.OUT_CONF, name + ".json"), {
            "generator": GENERATOR,
            "versions": G.VERSIONS,
            "datasets": datasets_json,
            "cases": opt_cases,
        })


if __name__ == "__main__":
    main()
