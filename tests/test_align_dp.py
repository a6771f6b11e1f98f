"""The alignment DP on constructed similarities, its invariants, and the banded search.

Vectors are built by hand (orthogonal "topics", so every cosine is known) and the texts carry
no names or numbers, so only the similarities and lengths decide. No model is loaded here.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.align.banded import Band, project
from evaluator.align.features import names, numbers
from evaluator.align.paragraphs import AlignConfig, align_paragraphs

DIM = 64
FORCE_BAND = AlignConfig(full_cells=0, coarse_factor=2, band_margin=2)  # coarse-to-fine even for tiny inputs


def topic(k: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[k] = 1.0
    return v


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def text(chars: int, seed: int) -> str:
    words = ["alfa", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa"]
    rng = np.random.default_rng(seed)
    out = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(words[rng.integers(len(words))])
    return " ".join(out)[:chars]


def doc(n: int, chars: int = 300) -> tuple[list[str], np.ndarray]:
    return [text(chars, k) for k in range(n)], np.stack([topic(k) for k in range(n)])


def pairs(links) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.source, link.target) for link in links]


def noisy(vecs: np.ndarray, seed: int, amount: float = 0.5) -> np.ndarray:
    """Translations are not identical: a target vector is its source plus noise (cosine ≈ 0.8)."""
    rng = np.random.default_rng(seed)
    return np.stack([unit(v + amount * unit(rng.normal(size=DIM).astype(np.float32)) * 1.0) for v in vecs])


def test_identical_documents_align_one_to_one():
    src, vecs = doc(6)
    assert pairs(align_paragraphs(src, src, vecs, noisy(vecs, 1))) == [((i,), (i,)) for i in range(6)]


def test_inserted_unrelated_target_paragraph_is_left_unpaired():
    src, vecs = doc(5)
    tgt = src[:2] + [text(300, 99)] + src[2:]
    tvecs = np.concatenate([vecs[:2], topic(40)[None], vecs[2:]])
    assert pairs(align_paragraphs(src, tgt, vecs, noisy(tvecs, 2))) == [
        ((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]


def test_dropped_paragraph_is_left_unpaired_on_the_source_side():
    src, vecs = doc(5)
    keep = [0, 1, 3, 4]
    got = pairs(align_paragraphs(src, [src[k] for k in keep], vecs, noisy(vecs[keep], 3)))
    assert got == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


def test_split_paragraph_pairs_one_to_two():
    src, vecs = doc(4)
    halves = [text(150, 50), text(150, 51)]
    tgt = src[:1] + halves + src[2:]
    v1 = vecs[1]
    tvecs = np.stack([vecs[0], unit(v1 + 0.6 * topic(30)), unit(v1 + 0.6 * topic(31)), vecs[2], vecs[3]])
    assert pairs(align_paragraphs(src, tgt, vecs, tvecs)) == [
        ((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def test_merged_neighbours_pair_two_to_one():
    src, vecs = doc(4)
    tgt = [src[0], src[1] + " " + src[2], src[3]]
    tvecs = np.stack([vecs[0], unit(vecs[1] + vecs[2]), vecs[3]])
    assert pairs(align_paragraphs(src, tgt, vecs, tvecs)) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_swapped_neighbours_pair_two_to_two():
    src, vecs = doc(5)
    order = [0, 2, 1, 3, 4]
    got = pairs(align_paragraphs(src, [src[k] for k in order], vecs, noisy(vecs[order], 4)))
    assert got == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), (4,))]


def test_a_repeat_placed_early_stays_unpaired_and_the_later_full_paragraph_is_paired():
    # Like a scraped lead bullet that repeats paragraph 3: the DP must not pair 3 with the
    # bullet and then lose paragraphs 0-2.
    src, vecs = doc(5)
    tgt = [src[3][:150]] + src
    tvecs = np.concatenate([unit(vecs[3] + 0.3 * topic(50))[None], noisy(vecs, 5)])
    got = pairs(align_paragraphs(src, tgt, vecs, tvecs))
    assert got == [((), (0,))] + [((i,), (i + 1,)) for i in range(5)]


def test_short_boilerplate_line_is_not_glued_to_a_neighbour():
    src, vecs = doc(4)
    tgt = src[:2] + ["Share this article on Facebook"] + src[2:]
    tvecs = np.concatenate([vecs[:2], unit(vecs[1] + topic(60))[None], vecs[2:]])
    got = pairs(align_paragraphs(src, tgt, vecs, tvecs))
    assert ((), (2,)) in got and ((1,), (1,)) in got


def test_link_scores_are_the_cosines_of_the_paired_groups():
    src, vecs = doc(3)
    tvecs = noisy(vecs, 6)
    for link in align_paragraphs(src, src, vecs, tvecs):
        assert link.score == pytest.approx(float(vecs[link.source[0]] @ tvecs[link.target[0]]), abs=1e-5)


def test_without_vectors_names_and_numbers_decide():
    src = ["Prezydent Tokajew spotkał się w Ałmaty z 26 doradcami.", "Rząd Smaiłowa przyjął budżet 4000 mln.",
           "Protesty w Żanaozen trwały 5 dni."]
    tgt = ["President Tokayev met 26 advisers in Almaty.", "Share this article", "Smailov's government adopted a "
           "budget of 4,000 million.", "Protests in Zhanaozen lasted 5 days."]
    assert pairs(align_paragraphs(src, tgt, None, None)) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]


def test_mismatched_vector_count_is_rejected():
    src, vecs = doc(3)
    with pytest.raises(ValueError, match="3 texts but 2 vectors"):
        align_paragraphs(src, src, vecs[:2], vecs)


def _covers_in_order(links, n: int, m: int) -> bool:
    src = [i for link in links for i in link.source]
    tgt = [j for link in links for j in link.target]
    shapes_ok = all(len(link.source) <= 3 and len(link.target) <= 3 and (link.source or link.target)
                    for link in links)
    unpaired_single = all(len(link.source) + len(link.target) == 1 for link in links
                          if not (link.source and link.target))
    return src == list(range(n)) and tgt == list(range(m)) and shapes_ok and unpaired_single


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 25), m=st.integers(0, 25), seed=st.integers(0, 2**16), with_vectors=st.booleans(),
       banded=st.booleans())
def test_every_paragraph_of_each_side_appears_exactly_once_in_order(n, m, seed, with_vectors, banded):
    rng = np.random.default_rng(seed)
    src = [text(int(rng.integers(1, 400)), seed + k) + (f" Nr {k} w Gdańsku" if k % 3 else "") for k in range(n)]
    tgt = [text(int(rng.integers(1, 400)), seed * 7 + k) + (f" No {k} in Gdańsk" if k % 2 else "") for k in range(m)]
    sv = tv = None
    if with_vectors:
        sv = np.stack([unit(rng.normal(size=DIM).astype(np.float32)) for _ in range(n)]) if n else np.zeros((0, DIM))
        tv = np.stack([unit(rng.normal(size=DIM).astype(np.float32)) for _ in range(m)]) if m else np.zeros((0, DIM))
    links = align_paragraphs(src, tgt, sv, tv, FORCE_BAND if banded else AlignConfig())
    assert _covers_in_order(links, n, m)


@pytest.mark.parametrize("seed", range(8))
def test_banded_search_finds_the_full_dp_alignment_on_small_documents(seed):
    rng = np.random.default_rng(seed)
    n = 40
    src, vecs = doc(n, chars=200)
    order = list(range(n))
    for _ in range(4):  # drops and insertions at random places
        del order[int(rng.integers(len(order)))]
        order.insert(int(rng.integers(len(order))), 100 + int(rng.integers(DIM - n - 1)) % (DIM - n) + n)
    tgt = [src[k] if k < n else text(200, 1000 + k) for k in order]
    tvecs = noisy(np.stack([vecs[k] if k < n else topic(k % DIM) for k in order]), seed)
    full = pairs(align_paragraphs(src, tgt, vecs, tvecs, AlignConfig(full_cells=10**9)))
    for factor in (2, 4, 8):
        banded = pairs(align_paragraphs(src, tgt, vecs, tvecs, AlignConfig(full_cells=0, coarse_factor=factor)))
        assert banded == full, factor


def test_band_grows_linearly_with_document_length():
    """The banded DP touches O(n + m) cells: 10× the paragraphs, about 10× the cells."""
    cells = {}
    for n in (1000, 10000):
        coarse = [(range(i, i + 1), range(i, i + 1)) for i in range(n // 8)]
        band = project(coarse, 8, n, n, 10)
        assert band.lo[0] == 0 and band.hi[-1] == n
        assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
        cells[n] = band.cells
    assert cells[10000] <= 10.5 * cells[1000]
    assert cells[10000] < 60 * 10000  # about 50 cells a row, nowhere near the 10^8 of the full grid
    assert Band.full(3, 4).cells == 4 * 5


@pytest.mark.parametrize("a, b", [
    ("po 5 tys. cykli ładowania, 92 proc.", "after 5,000 charging cycles, 92%"),
    ("4,1 mln osób", "4.1 million people"), ("12 млн евро", "12 Millionen Euro"),
    ("2,5 mld zł w 2019 r.", "2.5 billion zloty in 2019"), ("1 234 567 głosów", "1,234,567 votes"),
])
def test_numbers_are_compared_by_value_across_languages(a, b):
    assert numbers(a) == numbers(b)


def test_inflected_names_share_keys_and_sentence_starts_are_not_names():
    assert names("Spotkanie w Pradze, Brnie i na Litwie z Tokajewem") == names(
        "A meeting in Prague, Brno and Lithuania with Tokayev") == {"pra", "brn", "lit", "tok"}
    assert names("Kraków. Warszawa i Gdańsk") == {"gda"}
