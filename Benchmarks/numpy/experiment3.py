"""Experiment 3 of DESIGN.md as a vectorised NumPy program: the peer that
`evident check Benchmarks/experiment3.md` is timed against.

Over N Jeffreys points of the latent-class model x -> y, x -> z (hidden x,
visible y, z; state index 4x + 2y + z; θ = probabilities of state 0), drawn
as θ1 ~ Beta(3/2, 3/2), θ2…θ5 ~ Beta(½, ½) restricted to [margin, 1 − margin],
and for the two joint targets of the paper, the visible-metric cosine between
the natural gradient of the evidence on the visible model, G_V⁺∇L, and
(a) G⁺∇D(p* ‖ p) (ELBO with q = the target's posterior), (b) G⁺∇L (ELBO with
q = the point's own posterior), all as whitened least squares with a batched
Moore–Penrose inverse (DESIGN.md, "Numerics"). The whitened Jacobians do not
depend on the target, so their pseudo-inverses are computed once per point
and shared by both targets, as Evident's points cache their factorisations.

With --closed-form the joint-metric natural gradients use the closed form
Evident uses for Bayesian networks (G is block-diagonal over the rows of the
conditional tables: E[u [x_i = s] | pa_i = c] − θ_s E[u | pa_i = c] per row),
so that only the visible metric needs a pseudo-inverse: the same arithmetic
as Evident's, vectorised.

    python3 Benchmarks/numpy/experiment3.py [N] [seed] [--closed-form]

Prints one histogram per target and cosine (fractions per bin of width 0.1
on [−1, 1]) in the format of `evident check` on Benchmarks/experiment3.md's
companion printout; the draws differ (another random stream), so compare the
distributions loosely.
"""
import sys

import numpy as np

CLOSED_FORM = "--closed-form" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--closed-form"]
N = int(ARGS[0]) if len(ARGS) > 0 else 50_000
SEED = int(ARGS[1]) if len(ARGS) > 1 else 1
MARGIN = 1e-3

TARGETS = {
    "good": np.array([0.1816, 0.0056, 0.5750, 0.0178, 0.1750, 0.0054, 0.0384, 0.0012]),
    "bad": np.array([0.07400131, 0.00170303, 0.03834848, 0.05831235,
                     0.59919552, 0.00180455, 0.01080728, 0.21582747]),
}
TARGETS = {k: v / v.sum() for k, v in TARGETS.items()}


def truncated_beta(rng, a, b, size):
    """Beta(a, b) restricted to [MARGIN, 1 − MARGIN] by rejection, vectorised."""
    out = rng.beta(a, b, size)
    bad = (out < MARGIN) | (out > 1 - MARGIN)
    while bad.any():
        out[bad] = rng.beta(a, b, bad.sum())
        bad = (out < MARGIN) | (out > 1 - MARGIN)
    return out


def jeffreys(n, seed):
    rng = np.random.default_rng(seed)
    theta = np.empty((n, 5))
    theta[:, 0] = truncated_beta(rng, 1.5, 1.5, n)
    for i in range(1, 5):
        theta[:, i] = truncated_beta(rng, 0.5, 0.5, n)
    return theta


# Joint state s = 4x + 2y + z; bits of s.
X = np.array([s >> 2 & 1 for s in range(8)])
Y = np.array([s >> 1 & 1 for s in range(8)])
Z = np.array([s & 1 for s in range(8)])
PI = np.zeros((4, 8))  # sums out x: visible index 2y + z
PI[2 * Y + Z, np.arange(8)] = 1


def bern(t, bit):
    """B(t)(bit): t for state 0, 1 − t for state 1 (broadcasts over rows)."""
    return np.where(bit == 0, t, 1 - t)


def sign(bit):
    return np.where(bit == 0, 1.0, -1.0)


def model(theta):
    """p (N × 8) and J = ∂p/∂θ (N × 8 × 5), all points at once."""
    t = [theta[:, i:i + 1] for i in range(5)]
    fx = bern(t[0], X)
    fy = np.where(X == 0, bern(t[1], Y), bern(t[2], Y))
    fz = np.where(X == 0, bern(t[3], Z), bern(t[4], Z))
    p = fx * fy * fz
    J = np.zeros((theta.shape[0], 8, 5))
    J[:, :, 0] = sign(X) * fy * fz
    J[:, :, 1] = np.where(X == 0, sign(Y) * fx * fz, 0)
    J[:, :, 2] = np.where(X == 1, sign(Y) * fx * fz, 0)
    J[:, :, 3] = np.where(X == 0, sign(Z) * fx * fy, 0)
    J[:, :, 4] = np.where(X == 1, sign(Z) * fx * fy, 0)
    return p, J


# The table rows of the parameters: (states of the row's parent configuration,
# states where the variable is in state 0). Parameter 0 is P(x = 0), then
# P(y = 0 | x = 0), P(y = 0 | x = 1), P(z = 0 | x = 0), P(z = 0 | x = 1).
ROW = np.stack([np.ones(8), X == 0, X == 1, X == 0, X == 1]).T.astype(float)         # 8 × 5
STATE0 = ROW * np.stack([X == 0, Y == 0, Y == 0, Z == 0, Z == 0]).T                  # 8 × 5


def closed_form(theta, p, u, weights):
    """G⁻¹ Jᵀ u for the network: (m − θ M) / w per parameter, all points at once."""
    pu = p * u
    return (pu @ STATE0 - theta * (pu @ ROW)) / weights


def main():
    theta = jeffreys(N, SEED)
    p, J = model(theta)
    pv = p @ PI.T                                  # N × 4
    JV = np.einsum("vx,nxd->nvd", PI, J)           # N × 4 × 5
    sp, spv = np.sqrt(p), np.sqrt(pv)
    if CLOSED_FORM:
        weights = p @ ROW                          # N × 5: p(pa_i = c) per parameter
    else:
        Bplus = np.linalg.pinv(J / sp[:, :, None])  # N × 5 × 8
    BVplus = np.linalg.pinv(JV / spv[:, :, None])  # N × 5 × 4

    def visible_cosine(a, b):
        av = np.einsum("nvd,nd->nv", JV, a)
        bv = np.einsum("nvd,nd->nv", JV, b)
        ab = (av * bv / pv).sum(1)
        aa = (av * av / pv).sum(1)
        bb = (bv * bv / pv).sum(1)
        return ab / np.sqrt(aa * bb)

    edges = np.linspace(-1, 1, 21)
    for name, T in TARGETS.items():
        tv = PI @ T
        # Evidence, visible metric: w = √p_V ⊙ (−T_V / p_V).
        evidence = np.einsum("ndv,nv->nd", BVplus, -tv / spv)
        # (a) complete data, q = target's posterior: u = −T / p.
        # (b) perfect recognition, q = p(h | v): u = −T_V(v) / p_V(v).
        u = -(tv / pv) @ PI
        if CLOSED_FORM:
            complete = closed_form(theta, p, -T / p, weights)
            recognition = closed_form(theta, p, u, weights)
        else:
            complete = np.einsum("ndx,nx->nd", Bplus, -T / sp)
            recognition = np.einsum("ndx,nx->nd", Bplus, sp * u)
        for label, c in (("complete-data KL", visible_cosine(complete, evidence)),
                         ("ELBO with perfect recognition", visible_cosine(recognition, evidence))):
            counts, _ = np.histogram(c, bins=edges)
            print(f"{name}, {label}: " + " ".join(f"{f:.4f}" for f in counts / N))


if __name__ == "__main__":
    main()
