"""Checks that read what a proposal says in words, and when it says it happened.

`mentions` lets prose meet a rule (the format's reading rule "prose counts"): the
sentence that states the matter is the evidence. `not_future` catches an adopted
proposal whose approvals are dated after today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from placecheck.rules import prose
from placecheck.rules.checks import PATH, _and, _paths, at_path, is_stated, options, readable
from placecheck.rules.paths import Node, PathKey, Scope
from placecheck.rules.registry import Failure, check

PATHS = {"$ref": "#/$defs/paths"}


@check("not_future",
       summary="no date at `values` (a path or a list of paths) is later than today",
       options=options(["values"], values=PATHS),
       params={"value": "the date, ISO", "found": "the field, readable"})
def check_not_future(params: dict[str, Any], scope: Scope) -> list[Failure]:
    """Dates that have not happened yet (each path of `values`): one failure per date."""
    today = dt.date.today()
    failures = []
    for path in _paths(params["values"]):
        for node in scope.select(path):
            value = node.value
            if isinstance(value, dt.date) and value > today:
                failures.append(Failure(node.path, f"`{readable(path)}` is {value.isoformat()}, "
                                        f"after today ({today.isoformat()})",
                                        {"value": value.isoformat(), "found": readable(path)}))
    return failures


@check("mentions",
       summary="prose at `values` states each named group of phrases (`require: all`, the "
               "default) or any of them (`require: any`), whatever the case, inflection and "
               "word order; a negated statement does not count",
       options=options(["values", "groups"], values=PATHS, at=PATH, groups={
           "type": "object", "minProperties": 1, "additionalProperties": {
               "type": "array", "minItems": 1,
               "items": {"type": "string", "minLength": 1, "maxLength": 80}}},
           require={"enum": ["all", "any"]}),
       params={"missing": "the groups not stated", "said": "a sentence that says the opposite",
               "count": "how many groups are missing"})
def check_mentions(params: dict[str, Any], scope: Scope) -> list[Failure]:
    """Prose that states each group (or any group): evidence is the sentence that does."""
    sources = _paths(params["values"])
    texts = [(n.path, n.value) for path in sources for n in _text_nodes(scope.select(path))]
    groups: dict[str, list[str]] = params["groups"]
    met: dict[str, tuple[PathKey, str]] = {}
    opposite: dict[str, str] = {}
    for name, phrases in groups.items():
        for path, text in texts:
            matches = prose.find(text, phrases)
            found = next((m for m in matches if not m.negated), None)
            if found is not None:
                met[name] = (path, found.sentence)
                break
            if matches and name not in opposite:
                opposite[name] = matches[0].sentence
    wanted = params.get("require", "all")
    missing = [name for name in groups if name not in met]
    ok = not missing if wanted == "all" else bool(met)
    if ok and scope.quotes is not None:
        scope.quotes.extend(Node(path, f'says "{sentence}"') for path, sentence in met.values())
    if ok:
        return []
    names = [f"`{n}`" for n in dict.fromkeys(readable(p) for p in sources)]
    more = f" and {len(names) - 3} more fields" if len(names) > 3 else ""
    subject = names[0] if len(names) == 1 else f"none of {_and(names[:3])}{more}"
    says, stated = ("does not say", "is not stated") if len(names) == 1 else ("says", "is stated")
    shown = missing if wanted == "all" else list(groups)
    said = next((opposite[g] for g in shown if g in opposite), "")
    joiner = " or " if wanted == "any" else " and "
    listed = joiner.join(shown)
    if said:
        detail = f"{subject} {says} that {listed}: it says \"{said}\""
    elif texts:
        detail = f"{subject} {says} that {listed}"
    else:
        detail = f"{subject} {stated}"
    return [Failure(at_path(params, scope, sources[0]), detail,
                    {"missing": listed, "said": said, "count": len(shown)})]


def _text_nodes(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node.value, list):
            out.extend(_text_nodes([Node((*node.path, i), v) for i, v in enumerate(node.value)]))
        elif isinstance(node.value, str) and is_stated(node.value):
            out.append(node)
    return out
