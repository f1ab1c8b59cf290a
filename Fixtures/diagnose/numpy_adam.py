import numpy as np; X, Y = np.array([0.5, 2.5]), np.array([0.2, 0.9])
th, m, v = np.array([-2.0, -2.0]), np.zeros(2), np.zeros(2)  # (w, b)
eta, b1, b2, eps = 0.01, 0.8, 0.99, 1e-6
print("t,w,b,m_w,m_b,v_w,v_b")
for t in range(1, 21):
    f = 1 / (1 + np.exp(-(th[0] * X + th[1])))
    r = (f - Y) * f * (1 - f); g = np.array([(r * X).sum(), r.sum()])
    m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
    th = th - eta * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    print(t, *(repr(float(x)) for x in [*th, *m, *v]), sep=",")
