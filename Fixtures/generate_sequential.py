#!/usr/bin/env python3
"""Conformance fixtures for PyTorch's SequentialLR with explicit milestones (issue 12).

Run from the repository root:

    python3 Fixtures/generate_sequential.py   # in a venv with numpy, torch

Written against Python 3.11 and torch 2.15 (CPU) (recorded in the file under "versions").

adalab writes SequentialLR(optimizer, [A, B, C], milestones=[m1, m2]) as
`A … then at m1 B … then at m2 C …` (a `then` without `at` after LinearLR keeps the
milestone at its total_iters, summed along the chain). At a milestone torch restarts the
scheduler it hands over to with `scheduler.step(0)`, its closed form at 0; between
milestones each scheduler recurses from the lr the previous step left.

It writes Fixtures/conformance/schedules/sequential.json: eta_k for k = 0 .. 59, read as
optimizer.param_groups[0]["lr"] after k SequentialLR.step() calls (SGD at lr = eta), each
case with its schedule in adalab's syntax (what follows `schedule eta`) and its eta.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate as G  # noqa: E402  (float64)
import generate_schedules as S  # noqa: E402

import torch  # noqa: E402

GENERATOR = "Fixtures/generate_sequential.py"
COUNTS = 60

CASES = [
    ("StepLR step_size=4 gamma=0.5 then at 10 CosineAnnealingLR T_max=20 eta_min=0.001", 0.1),
    ("ExponentialLR gamma=0.9 then at 15 StepLR step_size=5 gamma=0.3", 0.2),
    ("CosineAnnealingLR T_max=10 then at 12 MultiStepLR milestones=5,20 gamma=0.1 "
     "then at 40 ExponentialLR gamma=0.95", 0.1),
    ("LinearLR start_factor=0.2 total_iters=5 then StepLR step_size=3 gamma=0.7 "
     "then at 30 LinearLR start_factor=1 end_factor=0.1 total_iters=20", 0.05),
    ("LinearLR start_factor=0.5 total_iters=10 then at 6 ExponentialLR gamma=0.8", 0.1),
    ("MultiStepLR milestones=3,7 gamma=0.5 then at 1 CosineAnnealingLR T_max=8", 0.3),
]


def phases_and_milestones(text):
    """'A then at 10 B' -> ('A', [('B', 10)])."""
    parts = text.split(" then ")
    phases, milestones, total = [parts[0]], [], 0
    for part in parts[1:]:
        words = part.split()
        if words[0] == "at":
            total = int(words[1])
            part = " ".join(words[2:])
        else:
            total += int(dict(w.split("=") for w in phases[-1].split()[1:]).get("total_iters", 5))
        phases.append(part)
        milestones.append(total)
    return phases, milestones


def rates(text, eta):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=eta)
    phases, milestones = phases_and_milestones(text)
    made = []
    for phase in phases:
        [(kind, args)] = S.parse(phase)
        made.append(getattr(S.LRS, kind)(opt, **S.library_args(kind, args, eta)))
    scheduler = S.LRS.SequentialLR(opt, made, milestones=milestones)
    values = []
    for k in range(COUNTS):
        values.append(G.fl(opt.param_groups[0]["lr"]))
        if k < COUNTS - 1:
            opt.step()
            scheduler.step()
    return values


def main():
    cases = [{"schedule": text, "eta": eta, "rates": rates(text, eta)} for text, eta in CASES]
    G.write_json(os.path.join(S.OUT, "sequential.json"), {
        "generator": GENERATOR, "versions": G.VERSIONS, "counts": COUNTS, "cases": cases})


if __name__ == "__main__":
    main()
