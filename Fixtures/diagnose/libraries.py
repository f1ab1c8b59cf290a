"""Traces of more PyTorch optimizers at hyperparameters adalab does not default to, written
with the library's own state names, for DiagnoseSnippetTests (several conventions and rules).
Run (in a venv with the libraries): python3 Fixtures/diagnose/libraries.py"""
import os, torch
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
X, Y = torch.tensor([0.5, 2.5]), torch.tensor([0.2, 0.9])

def trace(name, make, state_names, steps=20):
    theta = torch.tensor([-2.0, -2.0], requires_grad=True)
    opt = make([theta])
    header = ["step", "theta[1]", "theta[2]"]
    for s in state_names:
        header += [f"{s}[1]", f"{s}[2]"]
    lines = [",".join(header)]
    for _ in range(steps):
        opt.zero_grad()
        f = torch.sigmoid(theta[0] * X + theta[1])
        (0.5 * (f - Y) ** 2).sum().backward()
        opt.step()
        s = opt.state[theta]
        row = [float(s["step"]) if "step" in s else len(lines), *theta.detach()]
        for n in state_names:
            row += list(s[n])
        lines.append(",".join(repr(float(x)) for x in row))
    with open(os.path.join(HERE, f"{name}.csv"), "w") as out:
        out.write("\n".join(lines) + "\n")

trace("pytorch_rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.02, alpha=0.95, eps=1e-6),
      ["square_avg"])
trace("pytorch_amsgrad", lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.85, 0.995), eps=1e-7,
      amsgrad=True), ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"])
trace("pytorch_adamw", lambda p: torch.optim.AdamW(p, lr=0.02, betas=(0.85, 0.995), eps=1e-7,
      weight_decay=0.1), ["exp_avg", "exp_avg_sq"])
trace("pytorch_adagrad", lambda p: torch.optim.Adagrad(p, lr=0.05, eps=1e-7), ["sum"])
