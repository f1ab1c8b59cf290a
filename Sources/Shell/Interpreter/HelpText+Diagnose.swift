/// The long form of `help diagnose`: what a trace may hold and how to write one from
/// PyTorch, optax or numpy. Each snippet is, line for line, a script in Fixtures/diagnose
/// whose output the tests diagnose (DiagnoseSnippetTests).
extension HelpText {
  /// The snippets by library, as `help diagnose` prints them (indented four spaces).
  static let diagnoseSnippets: [(library: String, lines: [String])] = [
    (
      "PyTorch (its state names; _w and _b pick the parameter)",
      [
        "    import torch; torch.set_default_dtype(torch.float64)",
        "    X, Y = torch.tensor([0.5, 2.5]), torch.tensor([0.2, 0.9])",
        "    theta = torch.tensor([-2.0, -2.0], requires_grad=True)  # (w, b)",
        "    opt = torch.optim.Adam([theta], lr=0.01, betas=(0.8, 0.99), eps=1e-6)",
        "    print(\"step,theta_w,theta_b,exp_avg_w,exp_avg_b,exp_avg_sq_w,exp_avg_sq_b\")",
        "    for _ in range(20):",
        "        opt.zero_grad(); f = torch.sigmoid(theta[0] * X + theta[1])",
        "        (0.5 * (f - Y) ** 2).sum().backward(); opt.step(); s = opt.state[theta]",
        "        row = [s[\"step\"], *theta.detach(), *s[\"exp_avg\"], *s[\"exp_avg_sq\"]]",
        "        print(\",\".join(repr(float(x)) for x in row))",
      ]
    ),
    (
      "optax (count, mu, nu; _1 and _2 index (w, b))",
      [
        "    import jax, jax.numpy as jnp, optax",
        "    jax.config.update(\"jax_enable_x64\", True)",
        "    X, Y = jnp.array([0.5, 2.5]), jnp.array([0.2, 0.9])",
        "    loss = lambda p: (0.5 * (jax.nn.sigmoid(p[0] * X + p[1]) - Y) ** 2).sum()",
        "    p = jnp.array([-2.0, -2.0])  # (w, b)",
        "    opt = optax.adam(0.01, b1=0.8, b2=0.99, eps=1e-6); state = opt.init(p)",
        "    print(\"count,w,b,mu_1,mu_2,nu_1,nu_2\")",
        "    for _ in range(20):",
        "        u, state = opt.update(jax.grad(loss)(p), state); p = p + u; s = state[0]",
        "        print(\",\".join(repr(float(x)) for x in [s.count, *p, *s.mu, *s.nu]))",
      ]
    ),
    (
      "numpy (your own Adam, adalab's names)",
      [
        "    import numpy as np; X, Y = np.array([0.5, 2.5]), np.array([0.2, 0.9])",
        "    th, m, v = np.array([-2.0, -2.0]), np.zeros(2), np.zeros(2)  # (w, b)",
        "    eta, b1, b2, eps = 0.01, 0.8, 0.99, 1e-6",
        "    print(\"t,w,b,m_w,m_b,v_w,v_b\")",
        "    for t in range(1, 21):",
        "        f = 1 / (1 + np.exp(-(th[0] * X + th[1])))",
        "        r = (f - Y) * f * (1 - f); g = np.array([(r * X).sum(), r.sum()])",
        "        m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g",
        "        th = th - eta * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)",
        "        print(t, *(repr(float(x)) for x in [*th, *m, *v]), sep=\",\")",
      ]
    ),
  ]

  /// What `diagnose` reads, then the snippets.
  static var diagnoseDetails: [String] {
    var lines = [
      "reads a CSV whose header names the columns, one row per update:",
      "  the step: t, step, iter, iteration, iterations or count (else 1, 2, 3, …)",
      "  adalab's names: w, b, dw, db, m_w, m_b, v_w, v_b, u_w, u_b, vmax_w, vmax_b,",
      "    m_hat_w, m_hat_b, v_hat_w, v_hat_b, lr_w, lr_b, loss, epoch, w[2] …",
      "  library state over θ = (w₁…w_d, b) as name[j], name_j, name_w or name_b:",
      "    PyTorch exp_avg, exp_avg_sq, max_exp_avg_sq, square_avg, acc_delta, sum,",
      "    momentum_buffer, exp_inf; optax mu, nu, nu_max; Keras momentums, velocities;",
      "    theta, param, params for θ itself",
      "it first finds your settings (β₁, β₂ from m and v; η, ε from the steps; the",
      "batch and the start; with only w and b, a grid of settings is replayed), then",
      "replays your run and names the first update and quantity that part, what still",
      "agrees there, and the known mistake that explains every row",
      "write the trace with full digits (repr); ten lines for the toy set:",
    ]
    for (library, snippet) in diagnoseSnippets {
      lines.append("  \(library):")
      lines += snippet
    }
    return lines
  }
}
