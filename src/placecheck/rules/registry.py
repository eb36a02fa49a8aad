"""The registry of the check vocabulary: every word a rule can use, declared once.

A check is a function `(options, scope) -> list[Failure]` registered with

    @check("count", summary="...", options={...}, params={"count": "...", ...})

- `summary`: when the check passes, in a few words (the docs' vocabulary table);
- `options`: a JSON Schema fragment for what a rule file writes after the word.
  `{"$ref": "#/$defs/path"}` is a path, `{"$ref": "#/$defs/check"}` an inner check
  (see DEFINITIONS). The rule schema's check definitions are generated from these;
- `params`: the values a failure may carry for the rule's message and hint, each
  with a few words for the docs. `detail` (the check's own explanation) always is.

`all_of` and `any_of` pass on the parameters of the checks inside them
(`inherits`); `geography` and `system` name a sub-check from a `Named` table,
each entry of which declares its own parameters.

Adding a word: write the function beside the others, declare it here with
`@check`, then run `python -m placecheck.rules.vocabulary_docs` to regenerate
`schemas/rule.schema.json` and the table in `docs/writing-a-pack.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from placecheck.rules.paths import PathKey, Scope


@dataclass
class Failure:
    """A check that did not pass: where, in words, and values for the message."""

    path: PathKey
    detail: str
    params: dict[str, Any] = field(default_factory=dict)


CheckFn = Callable[[Any, Scope], list[Failure]]
Inherits = Literal["", "all", "first"]
R = TypeVar("R", bound=Callable[..., Any])

ALWAYS = "detail"
# Set by a check for the engine, never shown in a message (the other files of a finding).
INTERNAL = frozenset({"related"})


class Named(dict[str, R], Generic[R]):
    """Sub-checks by name (`geography: {check: NAME}`), each with its message parameters."""

    def __init__(self) -> None:
        super().__init__()
        self.params: dict[str, dict[str, str]] = {}

    def register(self, name: str, *, params: Mapping[str, str]) -> Callable[[R], R]:
        def record(fn: R) -> R:
            self[name] = fn
            self.params[name] = dict(params)
            return fn

        return record


@dataclass(frozen=True)
class CheckSpec:
    """One word of the vocabulary: its function, options and message parameters."""

    word: str
    run: CheckFn
    summary: str
    options: dict[str, Any]
    params: dict[str, str]
    inherits: Inherits = ""
    named: Named[Any] | None = None


VOCABULARY: dict[str, CheckSpec] = {}

# Shared pieces of the generated rule schema, referred to as `#/$defs/NAME`.
PATH_PATTERN = "^(\\$|[A-Za-z_][A-Za-z0-9_]*)"
DEFINITIONS: dict[str, dict[str, Any]] = {
    "path": {"type": "string", "pattern": PATH_PATTERN},
    "paths": {"oneOf": [{"$ref": "#/$defs/path"},
                        {"type": "array", "items": {"$ref": "#/$defs/path"}, "minItems": 1}]},
    "variable": {"type": "string", "pattern": "^[a-z_][a-z0-9_]*$"},
}


def check(word: str, *, summary: str, options: dict[str, Any], params: Mapping[str, str],
          inherits: Inherits = "", named: Named[Any] | None = None,
          ) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under `word`, with what it takes and what it reports."""

    def register(fn: CheckFn) -> CheckFn:
        if word in VOCABULARY:
            raise ValueError(f"the check word {word!r} is registered twice")
        VOCABULARY[word] = CheckSpec(word, fn, summary, options, dict(params), inherits, named)
        return fn

    return register


def run_check(spec: dict[str, Any], scope: Scope) -> list[Failure]:
    """Run one check: a mapping with exactly one vocabulary word as its key."""
    (word, options), = spec.items()
    return VOCABULARY[word].run(options, scope)


def passes(spec: dict[str, Any], scope: Scope) -> bool:
    return not run_check(spec, scope)


def message_params(spec: Any) -> dict[str, str]:
    """The parameters a failure of this check (as written in a rule) may carry."""
    found = {ALWAYS: "the check's own explanation"}
    if not isinstance(spec, dict) or len(spec) != 1:
        return found
    (word, options), = spec.items()
    entry = VOCABULARY.get(word)
    if entry is None:
        return found
    found.update(entry.params)
    if entry.inherits and isinstance(options, list) and options:
        inner = options if entry.inherits == "all" else options[:1]
        for item in inner:
            found.update(message_params(item))
    if entry.named is not None and isinstance(options, dict):
        found.update(entry.named.params.get(str(options.get("check")), {}))
    return found
