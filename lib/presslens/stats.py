"""Statistics on counts: keyness, effect sizes, bootstrap intervals, agreement.

Pure functions on numbers (numpy/scipy only): no pandas, no plotting, no knowledge of outlets.
Count functions are vectorised: pass scalars or equal-length arrays.

Conventions, stated once:

* `a, b` are a term's count in the target and the reference corpus; `c, d` the two corpora's
  total token counts.
* `log_likelihood_g2` is Dunning's (1993) G² on the full 2×2 table (term / other tokens ×
  target / reference), referred to χ² with 1 degree of freedom. `simplified=True` gives the
  two-cell form used by Rayson & Garside (2000) and AntConc/Wmatrix; the two agree closely when
  the term is rare in both corpora.
* `log_ratio` is Hardie's (2014) Log Ratio, log₂ of the ratio of relative frequencies. A zero
  count is replaced by 0.5 (Hardie's convention) so the ratio stays finite; a term absent from
  both corpora gets 0.
* `log_odds_dirichlet` is the weighted log-odds ratio with an informative Dirichlet prior of
  Monroe, Colaresi & Quinn (2008, §3.5.1), returning the difference δ and its z-score.
* Bootstrap intervals are percentile intervals from a cluster bootstrap: whole clusters
  (paragraphs, articles) are resampled with replacement, because words within a paragraph are
  not independent and treating them as if they were makes intervals far too narrow. Every
  bootstrap takes `n_resamples` (default `config.N_BOOTSTRAP`), `seed` and `level`; the old
  keywords `n=` and `resamples=` still work for one release, with a DeprecationWarning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import stats as _st

from presslens import _compat, config


def _arr(x) -> np.ndarray:
    return np.asarray(x, dtype=float)


def _xlogy_ratio(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
    """obs · ln(obs/exp) with 0 · ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(obs > 0, obs * np.log(np.where(obs > 0, obs, 1.0) / exp), 0.0)
    return out


def log_likelihood_g2(a, b, c, d, *, simplified: bool = False):
    """Log-likelihood keyness G² and its p-value (χ², 1 df). Returns `(g2, p)`.

    `a, b`: term counts in target and reference; `c, d`: target and reference token totals.
    """
    a, b, c, d = map(_arr, (a, b, c, d))
    n = c + d
    k = a + b
    with np.errstate(divide="ignore", invalid="ignore"):
        e1 = c * k / n
        e2 = d * k / n
        g2 = _xlogy_ratio(a, e1) + _xlogy_ratio(b, e2)
        if not simplified:
            e3 = c * (n - k) / n
            e4 = d * (n - k) / n
            g2 = g2 + _xlogy_ratio(c - a, e3) + _xlogy_ratio(d - b, e4)
    g2 = np.maximum(2.0 * g2, 0.0)
    g2 = np.where(n > 0, g2, np.nan)
    p = _st.chi2.sf(g2, 1)
    if g2.ndim == 0:
        return float(g2), float(p)
    return g2, p


def log_ratio(a, b, c, d):
    """Hardie's Log Ratio: log₂((a/c) / (b/d)); zero counts become 0.5; 0 when both are zero.

    +1 means the term is twice as frequent (per token) in the target as in the reference.
    """
    a, b, c, d = map(_arr, (a, b, c, d))
    both_zero = (a == 0) & (b == 0)
    a2 = np.where(a == 0, 0.5, a)
    b2 = np.where(b == 0, 0.5, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log2((a2 / c) / (b2 / d))
    out = np.where(both_zero, 0.0, out)
    return float(out) if out.ndim == 0 else out


def log_odds_dirichlet(y_i, y_j, prior):
    """Monroe et al. (2008) weighted log-odds of each word, group i versus group j.

    `y_i, y_j`: count vectors over the same vocabulary; `prior`: Dirichlet pseudo-counts α_w
    (a vector, typically background-corpus counts, or a scalar for a uniform prior). Returns
    `(delta, z)`: δ_w = log-odds_i − log-odds_j with the prior added, and δ_w / sqrt(σ²_w) where
    σ²_w ≈ 1/(y_iw + α_w) + 1/(y_jw + α_w). Positive z = more typical of group i.
    """
    y_i, y_j = _arr(y_i), _arr(y_j)
    alpha = np.broadcast_to(_arr(prior), y_i.shape).astype(float)
    if np.any(alpha <= 0):
        raise ValueError("Dirichlet prior pseudo-counts must be > 0")
    a0 = alpha.sum()
    n_i, n_j = y_i.sum(), y_j.sum()
    yi_a, yj_a = y_i + alpha, y_j + alpha
    delta = np.log(yi_a / (n_i + a0 - yi_a)) - np.log(yj_a / (n_j + a0 - yj_a))
    var = 1.0 / yi_a + 1.0 / yj_a
    return delta, delta / np.sqrt(var)


# --------------------------------------------------------------------------------------------
# Bootstrap


def resample_weights(n_clusters: int, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """`(n_resamples, n_clusters)` matrix: how many times each cluster is drawn in each
    resample."""
    n = n_resamples
    if n_clusters == 0:
        return np.zeros((n, 0), dtype=np.int64)
    idx = rng.integers(0, n_clusters, size=(n, n_clusters))
    offsets = (np.arange(n) * n_clusters)[:, None]
    counts = np.bincount((idx + offsets).ravel(), minlength=n * n_clusters)
    return counts.reshape(n, n_clusters)


def _take(groups, idx: np.ndarray):
    if hasattr(groups, "iloc"):
        return groups.iloc[idx]
    if isinstance(groups, np.ndarray) or hasattr(groups, "tocsr"):
        return groups[idx]
    return [groups[i] for i in idx]


@_compat.renamed_keywords(n="n_resamples")
def bootstrap_ci(
    groups,
    statistic: Callable,
    *,
    n_resamples: int = config.N_BOOTSTRAP,
    seed: int = config.SEED,
    level: float = 0.95,
) -> tuple:
    """Percentile interval of `statistic` under a cluster bootstrap. Returns `(low, high)`.

    `groups`: the clusters, one per item — a list (e.g. of per-paragraph arrays), a numpy
    array or sparse matrix (rows are clusters) or a DataFrame (rows). `statistic` receives a
    resample of the same kind and returns a number or an array (then `low, high` are arrays).
    A *tuple* of such collections is treated as independent samples resampled separately
    (stratified, e.g. target and reference paragraphs); `statistic` then gets one argument each.
    NaN statistics (e.g. an empty resample) are ignored. `n_resamples` resamples (`n=` is its
    deprecated name).
    """
    rng = np.random.default_rng(seed)
    samples = groups if isinstance(groups, tuple) else (groups,)
    sizes = [len(g) if not hasattr(g, "shape") else g.shape[0] for g in samples]
    if any(s == 0 for s in sizes):
        return (np.nan, np.nan)
    values = []
    for _ in range(n_resamples):
        resampled = [
            _take(g, rng.integers(0, s, size=s)) for g, s in zip(samples, sizes, strict=True)
        ]
        values.append(np.asarray(statistic(*resampled), dtype=float))
    stacked = np.stack(values)
    tail = (1.0 - level) / 2.0 * 100.0
    with np.errstate(all="ignore"):
        low, high = np.nanpercentile(stacked, [tail, 100.0 - tail], axis=0)
    if np.ndim(low) == 0:
        return float(low), float(high)
    return low, high


#: Resample × cluster cells drawn at a time by `share_ci` (bounds its memory on large corpora).
BLOCK_CELLS = 4_000_000


@_compat.renamed_keywords(n="n_resamples")
def share_ci(
    hits,
    totals,
    *,
    n_resamples: int = config.N_BOOTSTRAP,
    seed: int = config.SEED,
    level: float = 0.95,
) -> tuple:
    """Share of units with a property, with a cluster-bootstrap interval: `(share, low, high)`.

    `hits[k]`: units with the property in cluster k (e.g. paragraphs mentioning an actor in
    article k); `totals[k]`: units in cluster k. The share is Σhits / Σtotals; clusters are
    resampled whole. NaN when there are no units.

    `hits` may also be a `(clusters, properties)` matrix: every column is then bootstrapped on
    the same resamples, exactly as separate calls with the same seed would, and `share, low,
    high` are arrays (one value per column) — one draw for many properties. `n_resamples`
    resamples (`n=` is its deprecated name).
    """
    matrix = np.ndim(hits) == 2
    hits, totals = _arr(hits), _arr(totals).ravel()
    hits = hits if matrix else hits.ravel()
    if hits.shape[0] != totals.shape[0] or (not matrix and hits.shape != totals.shape):
        raise ValueError("hits and totals need one value per cluster")
    cols = hits.reshape(len(totals), -1)  # clusters × properties
    if totals.sum() <= 0:
        nan = np.full(cols.shape[1], np.nan)
        return (nan, nan.copy(), nan.copy()) if matrix else (np.nan, np.nan, np.nan)
    # column by column, summed as a 1-D array is (pairwise), so a column equals a separate call
    share = np.array([np.ascontiguousarray(c).sum() for c in cols.T]) / totals.sum()
    boot = _share_resamples(cols, totals, n_resamples, np.random.default_rng(seed))
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.nanpercentile(boot, [tail, 100.0 - tail], axis=0)
    if matrix:
        return share.astype(float), low.astype(float), high.astype(float)
    return float(share[0]), float(low[0]), float(high[0])


def _is_whole(x: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(x)) and np.all(x == np.round(x)) and np.abs(x).sum() < 2**52)


def _share_resamples(cols: np.ndarray, totals: np.ndarray, n: int, rng) -> np.ndarray:
    """`(n, properties)` bootstrap shares (`n` resamples): Σ resampled hits / Σ resampled totals."""
    k = len(totals)
    if not (_is_whole(cols) and _is_whole(totals)):
        # Fractional weights: the original one-matrix computation (sums in BLAS order).
        w = resample_weights(k, n, rng).astype(float)
        den = w @ totals
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.stack(
                [(w @ np.ascontiguousarray(cols[:, j])) / den for j in range(cols.shape[1])],
                axis=1,
            )
    # Whole numbers: every sum is exact in any order, so the resamples can be drawn in blocks
    # (the same random stream as one draw: PCG64 buffers its 32-bit outputs between calls)
    # and summed by gathering, in bounded memory.
    out = np.empty((n, cols.shape[1]), dtype=float)
    columns = [np.ascontiguousarray(c) for c in cols.T]
    block = max(1, BLOCK_CELLS // max(k, 1))
    for lo in range(0, n, block):
        b = min(block, n - lo)
        if k == 0:
            idx = np.zeros((b, 0), dtype=np.int64)
        else:
            idx = rng.integers(0, k, size=(b, k))
        den = totals[idx].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            for j, column in enumerate(columns):
                out[lo : lo + b, j] = column[idx].sum(axis=1) / den
    return out


@_compat.renamed_keywords(resamples="n_resamples")
def proportion_ci(
    k: int,
    n: int,
    *,
    n_resamples: int = config.N_BOOTSTRAP,
    seed: int = config.SEED,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Share `k / n` of independent units, with a percentile bootstrap interval:
    `(share, low, high)`.

    Resampling n units that are 0 or 1 gives a flagged count distributed Binomial(n, k/n), so the
    resampled counts are drawn from that law directly: the same bootstrap as resampling units
    (`share_ci` with unit totals), at a cost that does not grow with n. `n_resamples` resamples
    (`resamples=` is its deprecated name).
    """
    if n <= 0:
        return (np.nan, np.nan, np.nan)
    p = k / n
    boot = np.random.default_rng(seed).binomial(n, p, size=n_resamples) / n
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(boot, [tail, 100.0 - tail])
    return float(p), float(low), float(high)


def wilson_ci(k, n, level: float = 0.95):
    """Wilson score interval for k successes in n trials: `(low, high)` (vectorised; NaN if n=0)."""
    k, n = _arr(k), _arr(n)
    z = _st.norm.ppf(0.5 + level / 2.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        low = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


# --------------------------------------------------------------------------------------------
# Agreement


def _is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return bool(v != v)  # NaN
    except (TypeError, ValueError):
        return False


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's κ for two coders' nominal labels of the same units.

    Units where either label is missing (None/NaN) are skipped. NaN when κ is undefined (no
    units, or both coders used one and the same label throughout).
    """
    if len(a) != len(b):
        raise ValueError("both coders must label the same units")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if not (_is_missing(x) or _is_missing(y))]
    if not pairs:
        return float("nan")
    labels = sorted({v for p in pairs for v in p}, key=repr)
    pos = {v: i for i, v in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    for x, y in pairs:
        table[pos[x], pos[y]] += 1
    total = table.sum()
    po = np.trace(table) / total
    pe = float(table.sum(axis=1) @ table.sum(axis=0)) / total**2
    if pe == 1.0:
        return float("nan")
    return float((po - pe) / (1.0 - pe))


def krippendorff_alpha(data, level: str = "nominal") -> float:
    """Krippendorff's α for a coders × units reliability matrix with missing values.

    `data`: 2-D array-like (rows = coders, columns = units; None/NaN = not coded), e.g.
    `df.to_numpy()`. Units coded by fewer than two coders are ignored. `level`: `"nominal"` or
    `"interval"` (squared difference). NaN when there is no variation to assess.
    """
    if level not in {"nominal", "interval"}:
        raise ValueError("level must be 'nominal' or 'interval'")
    matrix = np.asarray(data, dtype=object)
    if matrix.ndim != 2:
        raise ValueError("data must be a coders × units matrix")
    units = []
    for col in matrix.T:
        vals = [v for v in col if not _is_missing(v)]
        if len(vals) >= 2:
            units.append(vals)
    if not units:
        return float("nan")
    values = sorted({v for u in units for v in u}, key=lambda v: (repr(type(v)), v))
    pos = {v: i for i, v in enumerate(values)}
    k = len(values)
    coinc = np.zeros((k, k))
    for vals in units:
        m = len(vals)
        counts = np.zeros(k)
        for v in vals:
            counts[pos[v]] += 1
        coinc += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    n_c = coinc.sum(axis=1)
    n = n_c.sum()
    if level == "nominal":
        delta = 1.0 - np.eye(k)
    else:
        num = np.array(values, dtype=float)
        delta = (num[:, None] - num[None, :]) ** 2
    observed = (coinc * delta).sum()
    expected = (np.outer(n_c, n_c) * delta).sum() / (n - 1)
    if expected == 0:
        return float("nan")
    return float(1.0 - observed / expected)
