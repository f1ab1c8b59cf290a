"""Deliberately wrong Adams (and one AdamW) in plain Python at hyperparameters adalab does
not default to, one trace per mistake: what DiagnosisFixtureTests expects diagnose to name.
Run (in a venv with the libraries): python3 Fixtures/diagnose/mistakes.py (writes Fixtures/diagnose/mistake-*.csv)."""
import math, os
X, Y = [0.5, 2.5], [0.2, 0.9]
HERE = os.path.dirname(os.path.abspath(__file__))

def gradient(theta, points):
    gw = gb = 0.0
    for i in points:
        f = 1 / (1 + math.exp(-(theta[0] * X[i] + theta[1])))
        r = (f - Y[i]) * f * (1 - f)
        gw += r * X[i]; gb += r
    return [gw, gb]

def adam(bug, eta=0.01, b1=0.8, b2=0.99, eps=1e-6, wd=0.05, batch="full", steps=25,
         start=(-2.0, -2.0)):
    theta, m, v = list(start), [0.0, 0.0], [0.0, 0.0]
    rows = []
    for t in range(1, steps + 1):
        points = [0, 1] if batch == "full" else [(t - 1) % 2]
        g = gradient(theta, points)
        if bug == "averaged": g = [x / len(points) for x in g]
        if bug == "coupled": g = [x + wd * p for x, p in zip(g, theta)]
        if bug == "decoupled": theta = [p * (1 - eta * wd) for p in theta]
        mb1, vb1 = (b2, b1) if bug == "swapped" else (b1, b2)
        old_m, old_v = list(m), list(v)
        m = [mb1 * a + (1 - mb1) * x for a, x in zip(m, g)]
        v = [vb1 * a + (1 - vb1) * x * x for a, x in zip(v, g)]
        if bug == "old-moments": sm, sv = old_m, old_v
        else: sm, sv = m, v
        c1 = 1 - b1 ** t
        c2 = 1 - (b1 if bug == "vhat-beta1" else b2) ** t
        if bug == "m-only": c2 = 1
        if bug == "v-only": c1 = 1
        for j in range(2):
            mh, vh = sm[j] / c1, sv[j] / c2
            if bug == "inside": theta[j] -= eta * mh / math.sqrt(vh + eps)
            elif bug == "unknown" and t >= 5: theta[j] -= 1.01 * eta * mh / (math.sqrt(vh) + eps)
            else: theta[j] -= eta * mh / (math.sqrt(vh) + eps)
        rows.append([t, *theta, *m, *v])
    return rows

def write(path, rows, columns=7):
    header = "t,w,b,m_w,m_b,v_w,v_b".split(",")[:columns]
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join([str(r[0])] + [repr(float(x)) for x in r[1:columns]]) + "\n")

CASES = [
    "inside", "m-only", "v-only", "vhat-beta1", "swapped", "averaged", "old-moments",
    "coupled", "decoupled", "unknown",
]
for name in CASES:
    # "unknown" is no known mistake: from t = 5 on, every step is 1% too long.
    write(os.path.join(HERE, f"mistake-{name}.csv"), adam(name))

# Only w and b, at the conventions' decays: the grid search must find η, ε and the placement.
write(os.path.join(HERE, "wb-inside.csv"),
      adam("inside", eta=0.003, b1=0.9, b2=0.999, eps=1e-8, steps=30), columns=3)

# Lesson 10's traces: a colleague's Adam, one update per point, from w = -3, b = -1.
LESSON = os.path.join(HERE, "..", "..", "sessions", "data")
write(os.path.join(LESSON, "their-adam.csv"),
      adam("vhat-beta1", batch=1, start=(-3.0, -1.0), steps=12))
write(os.path.join(LESSON, "their-adam-later.csv"),
      adam("unknown", batch=1, start=(-3.0, -1.0), steps=12))
