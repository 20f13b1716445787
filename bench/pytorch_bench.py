#!/usr/bin/env python3
"""The PyTorch side of spark-nn's benchmark: trains the same network on the same rows.

Reads the float32 files the Java runner wrote (features row-major, then labels), trains with
shuffled mini-batches for --epochs epochs timing each, and prints one JSON object:
{"epochSeconds": [...], "finalLoss": ..., "testAccuracy": ..., "inferenceSeconds": [...]} for a
classifier; a regressor with test rows reports "testMse" (mean squared error on them) instead.
Debian's python3-torch needs an OpenBLAS (libopenblas0-openmp), or it runs on reference BLAS.
"""
import argparse
import json
import time

import numpy as np
import torch


def load(path, rows, width):
    return torch.from_numpy(np.fromfile(path, dtype="<f4").reshape(rows, width).copy())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--features", required=True)
    p.add_argument("--labels", required=True)
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--width", type=int, required=True)
    p.add_argument("--classes", type=int, default=0, help="0: regression (MSE)")
    p.add_argument("--hidden", default="50", help="comma-separated hidden widths")
    p.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--test-features")
    p.add_argument("--test-labels")
    p.add_argument("--test-rows", type=int, default=0)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = load(a.features, a.rows, a.width)
    y_raw = load(a.labels, a.rows, 1)
    y = y_raw.view(-1).long() if a.classes else y_raw

    layers, width = [], a.width
    for h in [int(v) for v in a.hidden.split(",") if v]:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, a.classes if a.classes else 1))
    model = torch.nn.Sequential(*layers)
    loss_fn = torch.nn.CrossEntropyLoss() if a.classes else torch.nn.MSELoss()
    opt = (torch.optim.Adam(model.parameters(), lr=a.lr) if a.optimizer == "adam"
           else torch.optim.SGD(model.parameters(), lr=a.lr))

    epoch_seconds, final_loss = [], float("nan")
    for _ in range(a.epochs):
        start = time.perf_counter()
        order = torch.randperm(a.rows)
        total = 0.0
        for i in range(0, a.rows, a.batch):
            idx = order[i:i + a.batch]
            xb, yb = x[idx], y[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        epoch_seconds.append(time.perf_counter() - start)
        final_loss = total / a.rows

    result = {"epochSeconds": epoch_seconds, "finalLoss": final_loss,
              "threads": a.threads, "torch": torch.__version__}
    if a.test_features and not a.classes:
        tx = load(a.test_features, a.test_rows, a.width)
        ty = load(a.test_labels, a.test_rows, 1)
        model.eval()
        with torch.no_grad():
            result["testMse"] = torch.nn.functional.mse_loss(model(tx), ty).item()
    elif a.test_features:
        tx = load(a.test_features, a.test_rows, a.width)
        ty = load(a.test_labels, a.test_rows, 1).view(-1).long()
        model.eval()
        inference = []
        for run in range(2 + 5):  # 2 untimed warm-up passes, then 5 timed, as for the JVMs
            start = time.perf_counter()
            with torch.no_grad():
                predicted = torch.cat([model(tx[i:i + a.batch]).argmax(1)
                                       for i in range(0, a.test_rows, a.batch)])
            if run >= 2:
                inference.append(time.perf_counter() - start)
        result["inferenceSeconds"] = inference
        result["testAccuracy"] = (predicted == ty).float().mean().item()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
