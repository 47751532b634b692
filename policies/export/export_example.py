#!/usr/bin/env python3
"""Exports two example navigation policies from PyTorch to ONNX, the way a team brings its own
policy to Erosion (see policies/BRING-YOUR-OWN.md):

  example-nav.onnx      a feed-forward controller written in torch ops over the 29-value
                        mobile-base observation: follows the route, keeps zone speed limits,
                        yields to people ahead, refuses a goal inside a keep-out zone.
  example-nav-gru.onnx  a recurrent policy (nn.GRU, hidden state in and out), to show the
                        shapes a recurrent export has; its weights are seeded, not trained.

Run from the repository root with Debian's PyTorch (python3-torch):

    python3 policies/export/export_example.py
    npm run erosion -- manifest policies/export/example-nav.onnx --family mobile-base --force
    npm run erosion -- validate policies/export/example-nav.manifest.json

The manifests committed beside the models were drafted that way, then given a description and
provenance (and, for the GRU, checked state shapes).
"""

import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 17  # PyTorch 1.13 writes up to 17; the runtime loads far newer ones

# Column of each mobile-base observation field (erosion list fields --family mobile-base).
SCAN = slice(0, 16)
GOAL_X, GOAL_Y = 18, 19
HUMAN_X, HUMAN_Y, HUMAN_PRESENT = 20, 21, 24
ROUTE_X, ROUTE_Y = 25, 26
ZONE_LIMIT, GOAL_IN_KEEP_OUT = 27, 28
OBS_SIZE = 29


def col(obs: torch.Tensor, i: int) -> torch.Tensor:
    """One observation column as [batch, 1]."""
    return obs[:, i : i + 1]


class RouteFollower(nn.Module):
    """Drives to the next route waypoint; slows for the zone limit and for a person ahead."""

    def __init__(self, vmax=0.9, k_linear=0.8, k_angular=1.5, wmax=1.0, stop_m=2.0, slow_m=4.5, zone_fraction=0.8):
        super().__init__()
        self.vmax, self.k_linear, self.k_angular, self.wmax = vmax, k_linear, k_angular, wmax
        self.stop_m, self.slow_m, self.zone_fraction = stop_m, slow_m, zone_fraction

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        rx, ry = col(obs, ROUTE_X), col(obs, ROUTE_Y)
        gx, gy = col(obs, GOAL_X), col(obs, GOAL_Y)
        route_dist = torch.sqrt(rx * rx + ry * ry).clamp(min=1e-3)
        goal_dist = torch.sqrt(gx * gx + gy * gy).clamp(min=1e-3)
        speed = torch.clamp(self.k_linear * goal_dist, max=self.vmax) * torch.clamp(rx / route_dist, 0.0, 1.0)
        speed = torch.minimum(speed, self.zone_fraction * col(obs, ZONE_LIMIT))
        hx, hy = col(obs, HUMAN_X), col(obs, HUMAN_Y)
        ahead = (hx > 0).float() * col(obs, HUMAN_PRESENT)
        keep = torch.clamp((torch.sqrt(hx * hx + hy * hy) - self.stop_m) / (self.slow_m - self.stop_m), 0.0, 1.0)
        speed = speed * (1 - ahead * (1 - keep))
        angular = torch.clamp(self.k_angular * ry / route_dist, -self.wmax, self.wmax)
        refuse = (col(obs, GOAL_IN_KEEP_OUT) > 0.5).float()
        return torch.cat([speed * (1 - refuse), angular * (1 - refuse), refuse], dim=1)


class GruPolicy(nn.Module):
    """obs [batch, 29] and h [1, batch, 8] in; action [batch, 3] and the next h out."""

    def __init__(self, hidden=8):
        super().__init__()
        self.gru = nn.GRU(OBS_SIZE, hidden)
        self.head = nn.Linear(hidden, 3)
        self.register_buffer("scale", torch.tensor([[0.5, 0.5, 1.0]]))  # action scaling folded into the graph

    def forward(self, obs: torch.Tensor, h: torch.Tensor):
        out, h_next = self.gru(obs.unsqueeze(0), h)
        return torch.tanh(self.head(out[0])) * self.scale, h_next


def export_feed_forward() -> None:
    model = RouteFollower().eval()
    example = torch.zeros(1, OBS_SIZE)
    torch.onnx.export(
        model,
        (example,),
        os.path.join(HERE, "example-nav.onnx"),
        input_names=["obs"],
        output_names=["action"],
        dynamic_axes={"obs": {0: "batch"}, "action": {0: "batch"}},
        opset_version=OPSET,
    )


def export_recurrent() -> None:
    torch.manual_seed(7)
    model = GruPolicy().eval()
    obs, h = torch.zeros(1, OBS_SIZE), torch.zeros(1, 1, 8)
    torch.onnx.export(
        model,
        (obs, h),
        os.path.join(HERE, "example-nav-gru.onnx"),
        input_names=["obs", "h"],
        output_names=["action", "h_next"],
        opset_version=OPSET,
    )


if __name__ == "__main__":
    torch.set_grad_enabled(False)
    export_feed_forward()
    export_recurrent()
    print("wrote example-nav.onnx and example-nav-gru.onnx in", HERE)
