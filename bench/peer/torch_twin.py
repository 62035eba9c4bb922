#!/usr/bin/env python3
"""The PyTorch twin of an hwnas IR network: the peer side of `scripts/bench-train --peer torch`.

Builds the network from the same IR JSON the DL4J side trains, checks nothing by itself but reports
its MACs and trainable parameters (counted on the built modules) so the Java side can compare them
with the IR's, then trains it with Adam on exactly the images the Java side wrote (same order, same
batch size, same thread count) and reports the training rate and validation accuracy.

Initialisation matches hwnas's DL4J layers: He-normal on fan-in (fan-in = in/groups * kh * kw), zero
biases, BN/LN gamma 1 and beta 0. BN momentum follows the IR's DL4J-style decay d:
running = d * running + (1 - d) * batch, i.e. PyTorch momentum 1 - d.

Usage: torch_twin.py --ir NET.json --data DIR --batch 32 --threads 1 --lr 0.002 --seed 1
                     [--images N] [--warmup-batches 3] [--channels-last] [--validate] [--gemm-peak]
                     [--weights INITIAL.json]
Prints one JSON object on stdout. The protocol is the DL4J side's (Dl4jTrainingRun): the warm-up batches train a
throw-away copy, then a fresh network from the seed is timed over the images.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ChannelLayerNorm(nn.Module):
    """Layer norm over the channels at each position (ConvNeXt's channels-last LayerNorm)."""

    def __init__(self, channels, eps):
        super().__init__()
        self.norm = nn.LayerNorm(channels, eps=eps)

    def forward(self, x):
        return self.norm(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class HardSwish(nn.Module):
    def forward(self, x):
        return F.hardswish(x)


ACTIVATIONS = {
    "relu": nn.ReLU,
    "relu6": nn.ReLU6,
    "leaky_relu": lambda: nn.LeakyReLU(0.01),
    "silu": nn.SiLU,
    "hard_swish": HardSwish,
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "gelu": nn.GELU,  # exact (erf) GELU, as hwnas's DL4J activation layer
    "identity": nn.Identity,
}


class Twin(nn.Module):
    """Runs the IR's nodes in order; every node's output is kept until its last consumer has run."""

    def __init__(self, ir):
        super().__init__()
        self.ir = ir
        self.order = []
        self.mods = nn.ModuleDict()
        shapes = {"input": (ir["input"]["channels"], ir["input"]["height"], ir["input"]["width"])}
        self.macs = 0
        for node in ir["nodes"]:
            nid, layer, inputs = node["id"], node["layer"], node["inputs"]
            in_shape = shapes[inputs[0]]
            module, out_shape, macs = self._module(layer, in_shape, [shapes[i] for i in inputs])
            key = "n%d" % len(self.order)
            if module is not None:
                self.mods[key] = module
            self.order.append((nid, key, layer["op"], inputs))
            shapes[nid] = out_shape
            self.macs += macs
        self.output = ir["nodes"][-1]["id"]

    @staticmethod
    def _module(layer, shape, in_shapes):
        op = layer["op"]
        if op in ("conv2d", "depthwise_conv2d"):
            c, h, w = shape
            kh, kw = layer["kernel"]
            sh, sw = layer["stride"]
            ph, pw = layer["padding"]
            dh, dw = layer["dilation"]
            if op == "conv2d":
                out, groups = layer["outChannels"], layer["groups"]
            else:
                out, groups = c * layer["multiplier"], c
            m = nn.Conv2d(c, out, (kh, kw), (sh, sw), (ph, pw), (dh, dw), groups, layer["bias"])
            oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
            ow = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
            return m, (out, oh, ow), kh * kw * (c // groups) * out * oh * ow
        if op == "dense":
            features = shape[0] if len(shape) == 1 else shape[0] * shape[1] * shape[2]
            return nn.Linear(features, layer["units"], layer["bias"]), (layer["units"],), features * layer["units"]
        if op == "batch_norm":
            momentum = 1.0 - layer["momentum"]
            if len(shape) == 3:
                return nn.BatchNorm2d(shape[0], eps=layer["eps"], momentum=momentum), shape, 0
            return nn.BatchNorm1d(shape[0], eps=layer["eps"], momentum=momentum), shape, 0
        if op == "layer_norm":
            if len(shape) == 3:
                return ChannelLayerNorm(shape[0], layer["eps"]), shape, 0
            return nn.LayerNorm(shape[0], eps=layer["eps"]), shape, 0
        if op == "activation":
            return ACTIVATIONS[layer["function"]](), shape, 0
        if op == "pool2d":
            c, h, w = shape
            kh, kw = layer["kernel"]
            sh, sw = layer["stride"]
            ph, pw = layer["padding"]
            if layer["kind"] in ("max", "MAX"):
                m = nn.MaxPool2d((kh, kw), (sh, sw), (ph, pw))
            else:
                m = nn.AvgPool2d((kh, kw), (sh, sw), (ph, pw), count_include_pad=True)
            return m, (c, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1), 0
        if op == "global_pool":
            pool = nn.AdaptiveMaxPool2d(1) if layer["kind"] in ("max", "MAX") else nn.AdaptiveAvgPool2d(1)
            return nn.Sequential(pool, nn.Flatten()), (shape[0],), 0
        if op == "flatten":
            size = shape[0] if len(shape) == 1 else shape[0] * shape[1] * shape[2]
            return nn.Flatten(), (size,), 0
        if op == "dropout":
            return nn.Dropout(layer["rate"]), shape, 0
        if op == "add":
            return None, shape, 0
        if op == "concat":
            return None, (sum(s[0] for s in in_shapes),) + tuple(shape[1:]), 0
        raise SystemExit("torch_twin: op '%s' has no PyTorch mapping" % op)

    def forward(self, x):
        values = {"input": x}
        for nid, key, op, inputs in self.order:
            if op == "add":
                out = values[inputs[0]]
                for i in inputs[1:]:
                    out = out + values[i]
            elif op == "concat":
                out = torch.cat([values[i] for i in inputs], 1)
            else:
                out = self.mods[key](values[inputs[0]])
            values[nid] = out
        return values[self.output]


def initialise(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, nn.LayerNorm)):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)


def load_weights(model, path):
    """Sets every node's parameters to those the DL4J side wrote ({node: {field: {shape, data}}}, PyTorch layouts)."""
    with open(path) as f:
        weights = json.load(f)

    def tensor(field):
        return torch.tensor(field["data"], dtype=torch.float32).reshape(field["shape"])

    with torch.no_grad():
        for nid, key, op, _ in model.order:
            if nid not in weights:
                continue
            w, m = weights[nid], model.mods[key]
            m = m.norm if isinstance(m, ChannelLayerNorm) else m
            if "weight" in w:
                m.weight.copy_(tensor(w["weight"]))
                if m.bias is not None:
                    m.bias.copy_(tensor(w["bias"]))
            else:
                m.weight.copy_(tensor(w["gamma"]))
                m.bias.copy_(tensor(w["beta"]))
                if "mean" in w:
                    m.running_mean.copy_(tensor(w["mean"]))
                    m.running_var.copy_(tensor(w["var"]))
            del weights[nid]
    if weights:
        raise SystemExit("torch_twin: weights for nodes the network lacks: %s" % sorted(weights))


def load(data_dir, split):
    images = np.fromfile(os.path.join(data_dir, split + "-images.f32"), dtype="<f4")
    labels = np.fromfile(os.path.join(data_dir, split + "-labels.i32"), dtype="<i4")
    n = labels.shape[0]
    return torch.from_numpy(images.reshape(n, -1)), torch.from_numpy(labels.astype(np.int64))


def gemm_peak(threads, size=1024, seconds=1.0):
    """fp32 GEMM multiply-accumulates per second of torch.mm on this many threads."""
    a = torch.randn(size, size)
    b = torch.randn(size, size)
    for _ in range(3):
        torch.mm(a, b)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        torch.mm(a, b)
        n += 1
    return n * size ** 3 / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ir", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--images", type=int, default=0, help="train on the first N images (0: all)")
    p.add_argument("--warmup-batches", type=int, default=0)
    p.add_argument("--channels-last", action="store_true", help="NHWC memory format (torch.channels_last)")
    p.add_argument("--validate", action="store_true")
    p.add_argument("--gemm-peak", action="store_true")
    p.add_argument("--weights", help="start from these initial weights (Dl4jTrainingRun --weights-out) instead of --seed's")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    with open(args.ir) as f:
        ir = json.load(f)
    shape = (ir["input"]["channels"], ir["input"]["height"], ir["input"]["width"])
    memory_format = torch.channels_last if args.channels_last else torch.contiguous_format
    x_train, y_train = load(args.data, "train")
    if args.images:
        x_train, y_train = x_train[:args.images], y_train[:args.images]
    x_train = x_train.view(-1, *shape).contiguous(memory_format=memory_format)
    loss_fn = nn.CrossEntropyLoss()
    b = args.batch

    def fresh(seed, weights=None):
        torch.manual_seed(seed)
        model = Twin(ir)
        initialise(model)
        if weights:
            load_weights(model, weights)
        model = model.to(memory_format=memory_format)
        model.train()
        return model, torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)

    def step(model, optimiser, x, y):
        optimiser.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimiser.step()

    if args.warmup_batches:
        model, optimiser = fresh(args.seed + 1)
        for i in range(args.warmup_batches):
            start = (i * b) % max(1, x_train.shape[0] - b)
            step(model, optimiser, x_train[start:start + b], y_train[start:start + b])
    model, optimiser = fresh(args.seed, args.weights)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    n = x_train.shape[0]
    start_time = time.perf_counter()
    for start in range(0, n, b):
        step(model, optimiser, x_train[start:start + b], y_train[start:start + b])
    seconds = time.perf_counter() - start_time
    result = {"macs": model.macs, "params": params, "train_images": n, "train_seconds": seconds,
              "images_per_second": n / seconds, "threads": torch.get_num_threads(), "torch": torch.__version__,
              "memory_format": "channels_last" if args.channels_last else "contiguous"}
    if args.validate:
        x_val, y_val = load(args.data, "val")
        model.eval()
        correct = 0
        with torch.no_grad():
            for start in range(0, x_val.shape[0], 256):
                out = model(x_val[start:start + 256].view(-1, *shape).contiguous(memory_format=memory_format))
                correct += int((out.argmax(1) == y_val[start:start + 256]).sum())
        result["val_accuracy"] = correct / x_val.shape[0]
    if args.gemm_peak:
        result["gemm_macs_per_second"] = gemm_peak(args.threads)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
