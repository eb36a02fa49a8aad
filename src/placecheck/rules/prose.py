"""Reading prose: does a sentence state something, in any of the ways people say it?

A phrase such as "leave the room" is met by a sentence that holds its content
words close together, in any order and any inflection ("left the room", "the
room is left"), unless the clause around it negates it ("are not required to
leave the room"). Words a phrase itself negates ("take no part") are part of
what it states, not a negation of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|[,;:()]")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
# Words that carry no meaning of their own in a phrase.
_FILLER = frozenset({
    "a", "an", "the", "of", "to", "for", "that", "this", "these", "those", "its", "their",
    "his", "her", "them", "they", "he", "she", "it", "is", "are", "be", "been", "being", "was",
    "were", "will", "shall", "would", "should", "must", "may", "might", "can", "could", "by",
    "in", "on", "at", "from", "with", "as", "any", "each", "all", "every", "who", "which"
})
# Starts a new clause: a negation before it does not reach past it.
_BOUNDARY = frozenset({
    ",", ";", ":", "(", ")", "and", "but", "or", "while", "whereas", "although", "though",
    "however"
})
_NEGATION = frozenset({
    "not", "no", "never", "nor", "cannot", "without", "neither", "none", "nobody", "nothing",
    "unless", "except", "rather", "instead", "awaiting", "pending", "yet", "subject",
    "vacant", "vacancy", "tbc", "tba"
})
# After the phrase only these reach back to it ("other roles are never declared");
# "without" or "unless" there qualify what follows, not the phrase.
_NEGATION_AFTER = frozenset({"not", "never", "cannot", "vacant", "tbc", "tba"})
_AFTER = 5
# What is still to happen has not happened: "to be approved". ("Will be excluded"
# and "shall be minuted" are how terms of reference state a rule, so they count.)
_NOT_YET = frozenset({("to", "be")})
_IRREGULAR = {
    "left": "leave", "took": "take", "taken": "take", "withdrew": "withdraw",
    "withdrawn": "withdraw", "chose": "choose", "chosen": "choose", "kept": "keep",
    "made": "make", "held": "hold", "sat": "sit", "stood": "stand", "written": "write",
    "wrote": "write", "given": "give", "gave": "give", "does": "do", "did": "do",
    "done": "do", "met": "meet", "led": "lead", "chaired": "chair", "men": "man",
    "women": "woman", "people": "person", "children": "child",
}
# How far apart (in words) a phrase's words may sit beyond its own length.
_SLACK = 5


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stem: withdraws, withdrawing, withdrawn and withdrew all give `withdraw`."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = _IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith(("ies", "ied")):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith(("eed", "ees")):
        word = word[:-1]
    elif len(word) > 4 and word.endswith(("ed", "es")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def _negates(token: str) -> bool:
    return token in _NEGATION or token.endswith(("n't", "n’t"))


@lru_cache(maxsize=2048)
def phrase_stems(phrase: str) -> tuple[str, ...]:
    words = [w for w in _WORD.findall(phrase.lower()) if w not in _BOUNDARY]
    content = [w for w in words if w not in _FILLER] or words
    return tuple(stem(w) for w in content)


@dataclass(frozen=True)
class Match:
    """A phrase found in a sentence: whether it is stated, or negated, and where."""

    sentence: str
    phrase: str
    negated: bool


def sentences(text: str) -> list[str]:
    """The text's sentences (a semicolon also ends one), with whitespace collapsed."""
    parts = (" ".join(part.split()) for part in _SENTENCE.split(text))
    return [part for part in parts if part]


# A document's rules read its few texts; a few hundred is plenty, and bounds the memory.
@lru_cache(maxsize=256)
def _read(text: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """Each sentence of `text` with its words and their stems.

    A document's prose is read by several rules, each looking for its own phrases;
    this is a function of the text alone, so each text is read once.
    """
    read = []
    for sentence in sentences(text):
        tokens = tuple(t.lower() for t in _WORD.findall(sentence.lower()))
        read.append((sentence, tokens,
                     tuple(stem(t) if t not in _BOUNDARY else t for t in tokens)))
    return tuple(read)


def find(text: str, phrases: list[str]) -> list[Match]:
    """Every sentence of `text` that states (or negates) one of `phrases`, in order."""
    found: list[Match] = []
    for sentence, tokens, stems in _read(text):
        best: Match | None = None
        for phrase in phrases:
            wanted = phrase_stems(phrase)
            span = _locate(stems, wanted)
            if span is None:
                continue
            negated = _negated(tokens, span, set(wanted))
            best = Match(sentence, phrase, negated)
            if not negated:
                break
        if best is not None:
            found.append(best)
    return found


def _locate(stems: tuple[str, ...], wanted: tuple[str, ...]) -> tuple[int, int] | None:
    if not wanted:
        return None
    window = len(wanted) + _SLACK
    needed = set(wanted)
    for start, word in enumerate(stems):
        if word not in needed:
            continue
        seen: set[str] = set()
        for end in range(start, min(len(stems), start + window)):
            if stems[end] in _BOUNDARY and stems[end] not in (",", "and"):
                break
            if stems[end] in needed:
                seen.add(stems[end])
                if seen == needed:
                    return start, end
    return None


def _negated(tokens: tuple[str, ...], span: tuple[int, int], own: set[str]) -> bool:
    start, end = span
    if tuple(tokens[max(0, start - 2):start]) in _NOT_YET:
        return True
    first = start
    while first > 0 and tokens[first - 1] not in _BOUNDARY:
        first -= 1
    if any(_negates(tokens[i]) and stem(tokens[i]) not in own for i in range(first, end + 1)):
        return True
    for i in range(end + 1, min(len(tokens), end + 1 + _AFTER)):
        if tokens[i] in _BOUNDARY:
            break
        if (tokens[i] in _NEGATION_AFTER or tokens[i].endswith(("n't", "n’t"))) \
                and stem(tokens[i]) not in own:
            return True
    return False
