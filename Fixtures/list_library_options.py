#!/usr/bin/env python3
"""Which constructor arguments of the libraries' optimizers adalab expresses: writes
docs/library-options.md.

Run from the repository root after `swift build`:

    /work/venv/bin/python Fixtures/list_library_options.py [path/to/adalab]

Nothing in the tables is typed by hand except the translation of a library's argument
name to adalab's setting name (MAP), the arguments that choose another adalab optimizer
(CHOSEN) and the notes on what other branches are adding today (IN_PROGRESS, empty once
they are merged):

- the arguments and their defaults come from `inspect.signature` of the real classes and
  functions (torch.optim.*, keras.optimizers.* including the base Optimizer's arguments,
  optax aliases), in the installed versions;
- adalab's column comes from the engine: for each optimizer and convention the binary is
  asked `use NAME:CONVENTION; show settings` (--json), which lists every setting the rule
  reads under that convention (``Setting.applicable``). An argument counts as expressed
  when every adalab setting it maps to is in that list. Gradient clipping is a stage in
  front of every rule, not a rule's setting, so Keras's clipping arguments are asked of the
  binary directly (`use NAME:keras; set clipnorm 1` must be taken).

Arguments that change no number are listed as ignored, with the reason (IGNORED).
`maximize` is kept: it flips the sign of the gradient, which is numerics.
"""

import inspect
import json
import os
import subprocess
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")

import keras  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "docs", "library-options.md")

# adalab optimizer -> (torch.optim class, keras.optimizers class, optax alias); None: the
# library ships none. The second element of a pair is how the variant is chosen.
LIBRARY_NAMES = {
    "gd": (("SGD", ""), ("SGD", ""), ("sgd", "")),
    "momentum": (("SGD", "momentum > 0"), ("SGD", "momentum > 0"), ("sgd", "momentum set")),
    "nag": (("SGD", "nesterov=True"), ("SGD", "nesterov=True"), ("sgd", "nesterov=True")),
    "adagrad": (("Adagrad", ""), ("Adagrad", ""), ("adagrad", "")),
    "rmsprop": (("RMSprop", ""), ("RMSprop", ""), ("rmsprop", "")),
    "adadelta": (("Adadelta", ""), ("Adadelta", ""), ("adadelta", "")),
    "adam": (("Adam", ""), ("Adam", ""), ("adam", "")),
    "adamax": (("Adamax", ""), ("Adamax", ""), ("adamax", "")),
    "maxprop": (None, None, None),
    "nadam": (("NAdam", ""), ("Nadam", ""), ("nadam", "")),
    "amsgrad": (("Adam", "amsgrad=True"), ("Adam", "amsgrad=True"), ("amsgrad", "")),
    "adamw": (("AdamW", ""), ("AdamW", ""), ("adamw", "")),
    "radam": (("RAdam", ""), None, ("radam", "")),
    "adabelief": (None, None, ("adabelief", "")),
    "yogi": (None, None, ("yogi", "")),
    "lion": (None, ("Lion", ""), ("lion", "")),
    "adafactor": (("Adafactor", ""), ("Adafactor", ""), ("adafactor", "")),
}
EXTRA_OPTAX = {"nadam": ("nadamw", "nadam:optax with weight_decay")}
LIBRARIES = ("pytorch", "keras", "optax")

# Arguments that change no number: how the computation is organised or named.
IGNORED = {
    "params": "the parameters themselves",
    "foreach": "implementation (loop over tensors or fused kernels); same numbers",
    "fused": "implementation (fused kernel); same numbers up to the kernel's rounding",
    "capturable": "implementation (CUDA graphs)",
    "differentiable": "autograd through the step; same numbers",
    "name": "a name",
    "kwargs": "forwards to the base class (its arguments are listed)",
    "mu_dtype": "storage dtype of m (adalab is float64 throughout)",
    "accumulator_dtype": "storage dtype (adalab is float64 throughout)",
    "dtype_momentum": "storage dtype (adalab is float64 throughout)",
}

# A library's argument name -> adalab's setting names (all of them must apply).
MAP = {
    "pytorch": {
        "lr": ["eta"], "betas": ["beta1", "beta2"], "eps": ["epsilon"],
        "momentum": ["beta"], "dampening": ["dampening"], "weight_decay": ["weight_decay"],
        "lr_decay": ["lr_decay"], "initial_accumulator_value": ["v_init"],
        "alpha": ["beta"], "rho": ["beta"], "momentum_decay": ["momentum_decay"],
        "decoupled_weight_decay": ["decoupled_weight_decay"],
    },
    "keras": {
        "learning_rate": ["eta"], "beta_1": ["beta1"], "beta_2": ["beta2"],
        "epsilon": ["epsilon"], "momentum": ["beta"], "rho": ["beta"],
        "initial_accumulator_value": ["v_init"], "weight_decay": ["weight_decay"],
        "clipnorm": ["clipnorm"], "clipvalue": ["clipvalue"],
        "global_clipnorm": ["global_clipnorm"],
    },
    "optax": {
        "learning_rate": ["eta"], "b1": ["beta1"], "b2": ["beta2"], "eps": ["epsilon"],
        "eps_root": ["eps_root"], "momentum": ["beta"], "decay": ["beta"], "rho": ["beta"],
        "initial_accumulator_value": ["v_init"], "initial_scale": ["v_init"],
        "weight_decay": ["weight_decay"], "eps_in_sqrt": ["eps_placement"],
        "threshold": ["threshold"],
    },
}

# RMSprop's own options, in every library: its `momentum` is adalab's `momentum` (μ), not β.
MAP_RMSPROP = {"momentum": ["momentum"], "centered": ["centered"], "nesterov": ["nesterov"],
               "bias_correction": ["bias_correction"]}

# Adafactor's own arguments, per library: its decay exponent, its two ε, its update clipping.
MAP_ADAFACTOR = {
    "pytorch": {"beta2_decay": ["beta2_decay"], "eps": ["epsilon", "epsilon2"],
                "d": ["clip_threshold"]},
    "keras": {"beta_2_decay": ["beta2_decay"], "epsilon_1": ["epsilon"],
              "epsilon_2": ["epsilon2"], "clip_threshold": ["clip_threshold"]},
    "optax": {"decay_rate": ["beta2_decay"], "clipping_threshold": ["clip_threshold"],
              "momentum": ["beta1"], "weight_decay_rate": ["weight_decay"], "eps": ["epsilon"]},
}

# Arguments that select the optimizer itself in adalab: (library, optimizer, argument) -> how.
CHOSEN = {
    ("pytorch", "gd", "momentum"): "0: that is gd (momentum > 0: optimizer momentum)",
    ("keras", "gd", "momentum"): "0: that is gd (momentum > 0: optimizer momentum)",
    ("optax", "gd", "momentum"): "None: that is gd (set: optimizer momentum)",
    ("pytorch", "gd", "dampening"): "no effect without momentum",
    ("pytorch", "gd", "nesterov"): "optimizer nag",
    ("keras", "gd", "nesterov"): "optimizer nag",
    ("optax", "gd", "nesterov"): "optimizer nag",
    ("pytorch", "momentum", "nesterov"): "False: that is momentum (True: optimizer nag)",
    ("keras", "momentum", "nesterov"): "False: that is momentum (True: optimizer nag)",
    ("optax", "momentum", "nesterov"): "False: that is momentum (True: optimizer nag)",
    ("pytorch", "nag", "nesterov"): "True: that is nag",
    ("pytorch", "nag", "dampening"): "0 (PyTorch refuses dampening with nesterov)",
    ("keras", "nag", "nesterov"): "True: that is nag",
    ("optax", "nag", "nesterov"): "True: that is nag",
    ("pytorch", "adam", "amsgrad"): "optimizer amsgrad",
    ("keras", "adam", "amsgrad"): "optimizer amsgrad",
    ("pytorch", "amsgrad", "amsgrad"): "True: that is amsgrad",
    ("keras", "amsgrad", "amsgrad"): "True: that is amsgrad",
    ("pytorch", "adamw", "amsgrad"): "amsgrad_max raw (off: plain adamw)",
    ("keras", "adamw", "amsgrad"): "amsgrad_max raw (off: plain adamw)",
    ("pytorch", "adam", "decoupled_weight_decay"): "optimizer adamw (Adam(decoupled_weight_decay=True) is AdamW)",
    ("optax", "adam", "nesterov"): "optimizer nadam (optax.adam(nesterov=True) is optax.nadam)",
    ("optax", "adamw", "nesterov"): "nadam:optax with weight_decay (that is optax.nadamw)",
    ("optax", "nadam", "nesterov"): "True: that is nadam (False: optimizer adam)",
}

# What other engineers are adding today: (library, optimizer or "*", argument) -> branch.
# Empty: rmsprop-l2 (RMSprop's options, PyTorch's L2 term), clipping and keras-decay (Keras's
# base-class weight_decay) and adafactor are merged.
IN_PROGRESS = {}
# Settings of the clipping stage in front of every rule, which `show settings` does not list.
CLIPPING = {"clipnorm", "clipvalue", "global_clipnorm"}

def signature(library, name):
    if library == "pytorch":
        fn = getattr(torch.optim, name).__init__
    elif library == "keras":
        fn = getattr(keras.optimizers, name).__init__
    else:
        fn = getattr(optax, name)
    params = inspect.signature(fn).parameters
    return [(k, p.default) for k, p in params.items() if k != "self"]


def default_text(value):
    if value is inspect.Parameter.empty:
        return "required"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (int, bool, str, tuple)) or value is None:
        return repr(value)
    return type(value).__name__


def adalab_settings(binary, optimizer, convention):
    """The settings adalab's rule reads under the convention, from `show settings`."""
    out = subprocess.run(
        [binary, "--json", "-c", f"use {optimizer}:{convention}; show settings"],
        capture_output=True, text=True)
    if out.returncode != 0:
        return None  # the convention is refused: the library ships no such optimizer
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    settings = set(lines[-1].keys()) - {"optimizer", "convention"}
    for name in CLIPPING:
        taken = subprocess.run(
            [binary, "-c", f"use {optimizer}:{convention}; set {name} 1"], capture_output=True)
        if taken.returncode == 0:
            settings.add(name)
    return settings


def classify(library, optimizer, argument, settings):
    if argument in IGNORED:
        return "ignored: " + IGNORED[argument]
    if (library, optimizer, argument) in CHOSEN:
        return CHOSEN[(library, optimizer, argument)]
    if argument == "maximize":
        return "**no** (ascends: the gradient's sign flipped; adalab minimises its loss)"
    if (library, optimizer, argument) in IN_PROGRESS:  # before MAP: RMSprop's momentum is no β
        return f"in progress today (branch {IN_PROGRESS[(library, optimizer, argument)]})"
    mapped = MAP[library].get(argument)
    if optimizer == "rmsprop" and argument in MAP_RMSPROP:
        mapped = MAP_RMSPROP[argument]
    if optimizer == "adafactor" and argument in MAP_ADAFACTOR[library]:
        mapped = MAP_ADAFACTOR[library][argument]
    if mapped and all(s in settings for s in mapped):
        text = ", ".join(f"`{s}`" for s in mapped)
        return text
    for key in ((library, optimizer, argument), (library, "*", argument)):
        if key in IN_PROGRESS:
            return f"in progress today (branch {IN_PROGRESS[key]})"
    return "**no**"


def table(binary, library, index):
    rows = []
    for optimizer, names in LIBRARY_NAMES.items():
        entry = names[index]
        if entry is None:
            continue
        name, variant = entry
        settings = adalab_settings(binary, optimizer, library)
        if settings is None:
            raise SystemExit(f"adalab refuses {optimizer}:{library}")
        shown = f"{name}({variant})" if variant else name
        for argument, default in signature(library, name):
            if argument in IGNORED:
                continue
            rows.append((optimizer, shown, argument, default_text(default),
                         classify(library, optimizer, argument, settings)))
        if library == "optax" and optimizer in EXTRA_OPTAX:
            extra, how = EXTRA_OPTAX[optimizer]
            for argument, default in signature(library, extra):
                if argument in IGNORED:
                    continue
                cell = classify(library, optimizer, argument, settings)
                if argument == "nesterov":
                    cell = "True: that is nadam"
                rows.append((optimizer, f"{extra} ({how})", argument, default_text(default),
                             cell))
    return rows


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "adalab")
    titles = {
        "pytorch": f"PyTorch {torch.__version__} (torch.optim)",
        "keras": f"Keras {keras.__version__} (keras.optimizers, with the base Optimizer's arguments)",
        "optax": f"optax {optax.__version__} (the aliases)",
    }
    out = [
        "# Library options: what adalab expresses",
        "",
        "Generated by `Fixtures/list_library_options.py` (do not edit by hand): every constructor",
        "argument of the library class or alias behind each adalab optimizer, read with",
        "`inspect.signature` from the installed libraries, and the adalab setting that expresses",
        "it. The adalab column is the engine's own list of the settings a rule reads under the",
        "convention (`use NAME:CONVENTION; show settings`), so a setting is listed only where",
        "adalab takes it; **no** marks what adalab cannot express. The script's hand-written",
        "parts are the translation of argument names (`lr` → `eta`, `betas` → `beta1`, `beta2`,",
        "…), the arguments that choose another adalab optimizer (`nesterov=True` → `nag`), and",
        "the list of what other branches are adding today (none left).",
        "",
        "Left out of the tables because they change no number (`maximize` is listed: it flips",
        "the gradient's sign, which is numerics):",
        "",
    ] + [f"- `{k}`: {v}" for k, v in IGNORED.items()] + [
        "",
        "`eta` is the base learning rate; a schedule in its place (PyTorch's `lr_scheduler`, a",
        "Keras `LearningRateSchedule`, an optax schedule as `learning_rate`) is adalab's",
        "`schedule` command, not a setting, and so not in the tables.",
        "",
        "Not constructor arguments, and so not in the tables: PyTorch's",
        "`torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`, optax's `clip` and",
        "`clip_by_global_norm` transforms (adalab's `global_clipnorm` and `clipvalue`, a stage",
        "before the rule); optax chains such as `add_decayed_weights` in front of any optimizer",
        "(adalab has `weight_decay` where an alias has it); and the optimizers adalab lacks:",
        "Keras's Lamb, Ftrl, Muon; optax's",
        "lamb, adan, lars, adamaxw, …; PyTorch's ASGD, Rprop, SparseAdam, LBFGS.",
        "",
    ]
    for index, library in enumerate(LIBRARIES):
        rows = table(binary, library, index)
        missing = sum(r[4].startswith("**no**") for r in rows)
        progress = sum(r[4].startswith("in progress") for r in rows)
        others = f"{progress} in progress today on other branches, " if progress else ""
        out += [f"## {titles[library]}", "",
                f"{len(rows)} (optimizer, argument) pairs: {len(rows) - missing - progress} "
                f"expressed, {others}{missing} not expressed (**no**).", "",
                "| adalab | library | argument | default | adalab setting |",
                "|---|---|---|---|---|"]
        for row in rows:
            out.append("| " + " | ".join(row) + " |")
        out.append("")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        fh.write("\n".join(out))
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
