"""The C peers of rules.c: which macros and numbers reproduce an adalab setup, and the
binaries built from them (one per distinct set of macros, kept for the whole run)."""

import atexit
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "rules.c")
CC = os.environ.get("CC", "cc")
# -fno-math-errno lets sqrt be one instruction, as Swift's squareRoot() is;
# -ffp-contract=off keeps a*b+c two roundings (no fused multiply-add), as in Swift.
CFLAGS = ["-O2", "-fno-math-errno", "-ffp-contract=off"]

NUMBERS = ["eta", "beta", "beta1", "beta2", "epsilon", "lr_decay", "weight_decay",
           "momentum_decay", "v_init"]

# The arithmetic a convention's defaults fix and no setting shows (`use` does not list them),
# as in Sources/Optimization/Optimizers/*.swift `defaults(for:)`:
# - powersBySquaring (RMSProp.swift, optax): (1 - beta)*(g*g), g*g rounded first, and beta^t of
#   bias_correction by repeated squaring;
# - lerpsMean (AdaMax.swift, pytorch): the first moment by torch's lerp_, one fused rounding.
#   (RMSProp under pytorch lerps too, but only its centered mean, which no C loop has.)
POWERS_BY_SQUARING = {("rmsprop", "optax")}
LERPS_MEAN = {("adamax", "pytorch")}
# - momentumForm (MomentumForm.swift): momentum's and NAG's history by convention, PyTorch's
#   momentum_buffer (fused add_) or optax's trace; the notes and Keras keep the velocity.
MOMENTUM_FORMS = {"pytorch": "BUFFER", "optax": "TRACE"}
# Numbers a library fixes, which `use` therefore does not list (the setting is refused there),
# though the rule reads them: Keras's Nadam has mu_t = beta1*(1 - 0.5*0.96^t), psi = 1
# (NAdam.swift), not rules.c's default 0.004 (PyTorch's).
FIXED_NUMBERS = {("nadam", "keras"): {"momentum_decay": 1.0}}

_directory = tempfile.mkdtemp(prefix="adalab-c-rules-")
atexit.register(shutil.rmtree, _directory, ignore_errors=True)
_built = {}


def build(macros):
    """The path of rules.c compiled with `macros` ({"RULE": "ADAM", ...})."""
    key = tuple(sorted(macros.items()))
    if key not in _built:
        name = "_".join(f"{k}-{v}" for k, v in key).lower()
        path = os.path.join(_directory, name)
        defines = [f"-D{k}={v}" for k, v in key]
        subprocess.run([CC, *CFLAGS, *defines, "-o", path, SOURCE, "-lm"], check=True)
        _built[key] = path
    return _built[key]


def command(path, updates, numbers):
    return [path, str(updates)] + [f"{k}={v!r}" for k, v in numbers.items()]


def run(path, updates, numbers):
    """The final (w, b) of `updates` updates."""
    out = subprocess.run(command(path, updates, numbers), check=True, capture_output=True,
                         text=True)
    return [float(v) for v in out.stdout.splitlines()[0].split()]


# The histories the C loop prints on its second line, by adalab's names.
HISTORIES = ["m_w", "v_w", "u_w", "vmax_w", "m_b", "v_b", "u_b", "vmax_b"]


def state(output):
    """The C loop's final state by adalab's names: w, b and the histories (of which a rule
    keeps only those it uses; adalab shows only those)."""
    lines = output.splitlines()
    w, b = (float(v) for v in lines[0].split())
    values = dict(zip(HISTORIES, (float(v) for v in lines[1].split())))
    return {"w": w, "b": b, **values}


def peer_for(settings):
    """The macros and numbers of the C loop for adalab's `use` reply (a JSON object with the
    optimizer, its convention and every setting that applies to it)."""
    optimizer = settings["optimizer"]
    convention = settings["convention"]
    macros = {"RULE": optimizer.upper()}
    if (optimizer, convention) in POWERS_BY_SQUARING:
        macros["POWERS_BY_SQUARING"] = 1
    if (optimizer, convention) in LERPS_MEAN:
        macros["LERP"] = 1
    if optimizer in ("momentum", "nag") and convention in MOMENTUM_FORMS:
        macros["MOMENTUM_FORM"] = MOMENTUM_FORMS[convention]
    if "eps_placement" in settings:
        macros["EPS"] = settings["eps_placement"].upper()
    if optimizer == "rmsprop":
        # RMSProp's correction is an option (optax's), off unless set; 1 - beta^t of beta.
        if settings.get("bias_correction", "off") != "off":
            macros["RMS_BIAS_CORRECTION"] = 1
    elif settings.get("bias_correction") == "off":
        macros["BIAS_CORRECTION"] = 0
    if settings.get("bias_power") == "epoch":
        macros["BIAS_POWER_EPOCH"] = 1
    if settings.get("lr_decay", 0) != 0:
        macros["LR_DECAY"] = 1
    if settings.get("nag_form") == "lookahead":
        macros["LOOKAHEAD"] = 1
    if "nadam_form" in settings:
        macros["NADAM_FORM"] = settings["nadam_form"].upper()
    if settings.get("amsgrad_max") == "corrected":
        macros["AMS_CORRECTED"] = 1
    numbers = {k: float(settings[k]) for k in NUMBERS if k in settings}
    for k, v in FIXED_NUMBERS.get((optimizer, convention), {}).items():
        numbers.setdefault(k, v)
    # The notes' AdaDelta has no eta (adalab does not show one): the rule multiplies by 1.
    numbers.setdefault("eta", 1.0)
    return macros, numbers
