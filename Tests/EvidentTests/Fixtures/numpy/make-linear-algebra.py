#!/usr/bin/env python3
"""Writes linear-algebra.json: NumPy's answers for the matrices the
linear-algebra tests give the language's built-ins (LinearAlgebraTests).
Run it again only to add cases; the tests read the committed file and never
call NumPy. Produced with NumPy 2.4.6 (LAPACK through OpenBLAS)."""
import json
import numpy as np

rng = np.random.default_rng(18)
cases = []

def add(name, A, b=None, symmetric=False):
    A = np.array(A, dtype=float)
    case = {"name": name, "A": A.tolist()}
    if A.shape[0] == A.shape[1]:
        case["det"] = float(np.linalg.det(A))
        if np.linalg.cond(A) < 1e12:
            case["inverse"] = np.linalg.inv(A).tolist()
            if b is not None:
                case["b"] = list(map(float, b))
                case["solve"] = np.linalg.solve(A, np.array(b, dtype=float)).tolist()
    case["pinv"] = np.linalg.pinv(A).tolist()
    case["rank"] = int(np.linalg.matrix_rank(A))
    case["s"] = np.linalg.svd(A, compute_uv=False).tolist()
    if symmetric:
        w, V = np.linalg.eigh(A)
        case["eigenvalues"] = w.tolist()
        case["eigenvectors"] = V.tolist()
    cases.append(case)

add("2x2", [[4, 1], [2, 3]], b=[1, 2])
add("3x3 general", rng.normal(size=(3, 3)), b=rng.normal(size=3))
add("5x5 general", rng.normal(size=(5, 5)), b=rng.normal(size=5))
M = rng.normal(size=(4, 4))
add("4x4 symmetric positive definite", M @ M.T + 4 * np.eye(4), b=[1, 0, 0, 1], symmetric=True)
add("3x3 symmetric indefinite", [[2, -1, 0], [-1, 0, 3], [0, 3, 1]], b=[1, 2, 3], symmetric=True)
add("3x3 rank 2", [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
add("3x2 tall", [[1, 2], [3, 4], [5, 6]])
add("2x4 wide", rng.normal(size=(2, 4)))

with open(__file__.replace("make-linear-algebra.py", "linear-algebra.json"), "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
