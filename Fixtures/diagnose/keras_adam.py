"""Keras 3 (JAX backend, float64) Adam at non-default settings, with Keras's variable names
(iterations, momentums, velocities): a trace in Keras's ε-hat convention, for
DiagnoseSnippetTests. Run (in a venv with the libraries): python3 Fixtures/diagnose/keras_adam.py > keras_adam.csv"""
import os
os.environ["KERAS_BACKEND"] = "jax"
import jax
jax.config.update("jax_enable_x64", True)
import keras, numpy as np
keras.config.set_floatx("float64")
X, Y = np.array([0.5, 2.5]), np.array([0.2, 0.9])
theta = keras.Variable(np.array([-2.0, -2.0]), dtype="float64")  # (w, b)
opt = keras.optimizers.Adam(learning_rate=0.02, beta_1=0.85, beta_2=0.995, epsilon=1e-6)
opt.build([theta])

def loss(p):
    f = jax.nn.sigmoid(p[0] * X + p[1])
    return (0.5 * (f - Y) ** 2).sum()

print("iterations,theta_w,theta_b,momentums_w,momentums_b,velocities_w,velocities_b")
for _ in range(20):
    opt.apply_gradients([(jax.grad(loss)(theta.value), theta)])
    row = [opt.iterations.value, *theta.value, *opt._momentums[0].value,
           *opt._velocities[0].value]
    print(",".join(repr(float(x)) for x in row))
