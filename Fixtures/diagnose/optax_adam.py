import jax, jax.numpy as jnp, optax
jax.config.update("jax_enable_x64", True)
X, Y = jnp.array([0.5, 2.5]), jnp.array([0.2, 0.9])
loss = lambda p: (0.5 * (jax.nn.sigmoid(p[0] * X + p[1]) - Y) ** 2).sum()
p = jnp.array([-2.0, -2.0])  # (w, b)
opt = optax.adam(0.01, b1=0.8, b2=0.99, eps=1e-6); state = opt.init(p)
print("count,w,b,mu_1,mu_2,nu_1,nu_2")
for _ in range(20):
    u, state = opt.update(jax.grad(loss)(p), state); p = p + u; s = state[0]
    print(",".join(repr(float(x)) for x in [s.count, *p, *s.mu, *s.nu]))
