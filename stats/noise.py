"""Optional Laplace noise on the report's counts, through OpenDP, before suppression.

One event sits in one cell of each of the two published tables (demand, and hour of week x
outcome), so each table gets half the budget: scale = 2 / epsilon per cell, and OpenDP's
privacy map confirms the total. The sums in the figures are made from the noisy cells
(post-processing, no further budget). Protected is each event's count; which cells are
non-empty is not (only cells with events get noise), and a person with several handovers is
several events. `seed` exists for tests only: OpenDP's own sampler cannot be seeded, so a seeded
run draws the same Laplace scale from numpy's generator instead.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

TABLES = 2


class LaplaceNoise:
    """Adds integer Laplace noise of scale TABLES / epsilon to each count; never below 0."""

    def __init__(self, epsilon: float, seed: Optional[int] = None) -> None:
        if epsilon <= 0:
            raise ValueError("epsilon must be above 0")
        import opendp.prelude as dp

        dp.enable_features("contrib")
        self.epsilon = float(epsilon)
        self.scale = TABLES / self.epsilon
        self._measurement = dp.m.make_laplace(dp.atom_domain(T=int), dp.absolute_distance(T=int),
                                              scale=self.scale)
        self._rng = None
        if seed is not None:
            import numpy as np

            self._rng = np.random.default_rng(seed)

    def privacy_loss(self) -> float:
        """The epsilon OpenDP proves for both tables together, for one event added or removed."""
        return TABLES * float(self._measurement.map(1))

    def count(self, true: int) -> int:
        if self._rng is not None:
            return max(0, int(round(true + self._rng.laplace(0.0, self.scale))))
        return max(0, int(self._measurement(int(true))))

    def counts(self, cells: Counter) -> Counter:
        """Each cell noised on its own, in a fixed order (reproducible with a seed)."""
        return Counter({key: self.count(value) for key, value in sorted(cells.items(), key=lambda kv: str(kv[0]))})
