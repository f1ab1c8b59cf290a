import torch; torch.set_default_dtype(torch.float64)
X, Y = torch.tensor([0.5, 2.5]), torch.tensor([0.2, 0.9])
theta = torch.tensor([-2.0, -2.0], requires_grad=True)  # (w, b)
opt = torch.optim.Adam([theta], lr=0.01, betas=(0.8, 0.99), eps=1e-6)
print("step,theta_w,theta_b,exp_avg_w,exp_avg_b,exp_avg_sq_w,exp_avg_sq_b")
for _ in range(20):
    opt.zero_grad(); f = torch.sigmoid(theta[0] * X + theta[1])
    (0.5 * (f - Y) ** 2).sum().backward(); opt.step(); s = opt.state[theta]
    row = [s["step"], *theta.detach(), *s["exp_avg"], *s["exp_avg_sq"]]
    print(",".join(repr(float(x)) for x in row))
