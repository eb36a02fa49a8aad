"""How names and codes of councils and ICBs are compared, for look-ups and "did you mean".

"Gateshead Metropolitan Borough Council", "Gateshead Council" and ONS's "Gateshead"
are one name once the words every council adds are taken off; a mistyped code is
nearest to the codes of the same kind with the closest number.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

_NAME_CUTOFF = 0.6

_T = TypeVar("_T")

# Whole-word phrases stripped from the start / end of a name (after lower-casing,
# "&" -> "and" and punctuation -> spaces).  Longest first so that, for example,
# "metropolitan borough council" wins over "borough council".
_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "council of the",
        "london borough of",
        "royal borough of",
        "metropolitan borough of",
        "borough of",
        "city and county of",
        "city of",
        "county of",
        "county",
        "nhs",
    )
)
_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(s.split())
    for s in (
        "metropolitan borough council",
        "metropolitan district council",
        "integrated care board",
        "unitary authority",
        "borough council",
        "district council",
        "county council",
        "city council",
        "corporation",
        "council",
        "city of",  # ONS inverted form, e.g. "Bristol, City of"
        "county of",  # e.g. "Herefordshire, County of"
        "icb",
    )
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = [w for w in _NON_ALNUM.sub(" ", text).split() if w != "the"]
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if len(words) > len(prefix) and tuple(words[: len(prefix)]) == prefix:
                words = words[len(prefix) :]
                changed = True
        for suffix in _SUFFIXES:
            if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
                words = words[: -len(suffix)]
                changed = True
    return " ".join(words)


def clean_code(code: str) -> str:
    return code.strip().upper()


def code_number(code: str) -> int | None:
    digits = code[3:]
    return int(digits) if digits.isdigit() else None


def nearest_by_name(
    name: str, candidates: Sequence[_T], name_of: Callable[[_T], str], n: int
) -> list[_T]:
    target = normalise_name(name)
    if not target:
        return []
    target_words = set(target.split())
    scored: list[tuple[float, str, _T]] = []
    for item in candidates:
        official = name_of(item)
        normalised = normalise_name(official)
        score = similarity(target, normalised)
        words = set(normalised.split())
        if target_words <= words or words <= target_words:
            # One name's words all appear in the other ("Newcastle" / "Newcastle upon
            # Tyne"): rank above mere spelling likeness, keeping the ratio as tie-break.
            score = 1.0 + score
        if score >= _NAME_CUTOFF:
            scored.append((score, official, item))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [item for _, _, item in scored[:n]]


def nearest_by_code(
    code: str, candidates: Sequence[_T], code_of: Callable[[_T], str], n: int
) -> list[_T]:
    cleaned = clean_code(code)
    if not cleaned:
        return []
    number = code_number(cleaned)
    same_prefix = [c for c in candidates if code_of(c)[:3] == cleaned[:3]]
    if number is not None and same_prefix:

        def distance(item: _T) -> tuple[int, str]:
            other = code_number(code_of(item))
            return (abs(other - number) if other is not None else 1 << 62, code_of(item))

        return sorted(same_prefix, key=distance)[:n]
    # Alphanumeric (ODS) codes or an unknown prefix: most similar code strings.
    scored = sorted(
        candidates,
        key=lambda c: (
            -sum(x == y for x, y in zip(cleaned, code_of(c), strict=False)),
            -similarity(cleaned, code_of(c)),
            code_of(c),
        ),
    )
    return scored[:n]


def similarity(a: str, b: str) -> float:
    import difflib  # only suggestions for names and codes that did not match need it

    return difflib.SequenceMatcher(None, a, b).ratio()
