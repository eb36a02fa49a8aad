"""The check vocabulary: the only things a rule can ask of a proposal.

Each check takes its parameters from the rule file and a `Scope` (the
document plus the variables bound by `for_each`) and returns `Failure`s.
A failure says where it is and explains itself in plain English (`detail`);
its `params` fill the rule's message template.

    present   values that must be stated (placeholders such as "TODO" do not count)
    absent    values that must not be stated
    covers    a collection of vocabulary tokens must include each required group
    subset    every item of one list must appear in another
    count     how many values a path selects (min / max)
    equal     all selected values are the same
    unique    no selected value appears twice
    schema    JSON Schema assertions on selected values
    matches   some selected text matches a pattern (case-insensitive)
    mentions  selected prose states each named group of phrases, not negated
    not_future  no selected date is later than today
    some      at least one item of a collection passes a check
    all_of / any_of / not   combinations of the above
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from placecheck.model.vocab import label
from placecheck.rules.paths import Node, PathKey, Scope, compile_path

PLACEHOLDER = re.compile(r"^\s*(TODO|TBC|TBD|FIXME|XXX|\.\.\.|…|<[^>]*>)", re.IGNORECASE)


@dataclass
class Failure:
    """A check that did not pass: where, in words, and values for the message."""

    path: PathKey
    detail: str
    params: dict[str, Any] = field(default_factory=dict)


CheckFn = Callable[[Any, Scope], list[Failure]]

VOCABULARY: dict[str, CheckFn] = {}
Registered = TypeVar("Registered", bound=Callable[..., Any])


def registrar(table: dict[str, Registered]) -> Callable[[str], Callable[[Registered], Registered]]:
    """A decorator factory that records functions in `table` under a name."""

    def named(name: str) -> Callable[[Registered], Registered]:
        def register(fn: Registered) -> Registered:
            table[name] = fn
            return fn

        return register

    return named


check = registrar(VOCABULARY)


def run_check(spec: dict[str, Any], scope: Scope) -> list[Failure]:
    """Run one check: a mapping with exactly one vocabulary word as its key."""
    (name, params), = spec.items()
    if name not in VOCABULARY:
        # The reference-data checks live in their own modules, loaded on first use.
        from placecheck.rules import geography_checks, system_checks  # noqa: F401
    return VOCABULARY[name](params, scope)


def passes(spec: dict[str, Any], scope: Scope) -> bool:
    return not run_check(spec, scope)


def is_stated(value: Any) -> bool:
    """Not empty and not a placeholder; a list counts when any of its items does."""
    if value is None or value == "" or value == [] or value == {}:
        return False
    if isinstance(value, list):
        return any(is_stated(item) for item in value)
    return not (isinstance(value, str) and PLACEHOLDER.match(value))


def readable(path_text: str) -> str:
    """`$.place.population` -> `place.population`; `body.quorum` -> `quorum`."""
    compiled = compile_path(path_text)
    text = compiled.text[len(compiled.root):].lstrip(".")
    return re.sub(r"\[\?[^\]]*\]|\[\*\]|->[a-z_]+", "", text) or compiled.root


def deepest(scope: Scope, path_text: str) -> PathKey:
    """The deepest node that exists along a path (for pointing at what is missing)."""
    compiled = compile_path(path_text)
    nodes = [Node((), scope.data)] if compiled.root == "$" else [scope.variables[compiled.root]]
    best = nodes[0].path
    for segment in compiled.segments:
        nodes = scope._step(nodes, segment)
        if not nodes:
            break
        if segment.kind != "filter":
            best = nodes[0].path
    return best


def _at(params: dict[str, Any], scope: Scope, fallback: str) -> PathKey:
    where = params.get("at")
    if where:
        found = scope.select(where)
        return found[0].path if found else deepest(scope, where)
    return deepest(scope, fallback)


def join(items: list[Any], scope: Scope | None = None) -> str:
    """Values for people to read: entity names for ids, labels for vocabulary tokens."""
    return _and([scope.display(i) if scope else label(i) for i in items])


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _paths(params: Any) -> list[str]:
    if isinstance(params, str):
        return [params]
    if isinstance(params, dict):
        return _paths(params["paths"])
    return list(params)


@check("present")
def check_present(params: Any, scope: Scope) -> list[Failure]:
    """One failure per place in the file: missing values under one node are listed together."""
    missing: dict[PathKey, list[str]] = {}
    failures = []
    for path in _paths(params):
        nodes = scope.select(path)
        if any(is_stated(n.value) for n in nodes):
            continue
        name = readable(path)
        placeholder = next((n for n in nodes if isinstance(n.value, str) and n.value.strip()),
                           None)
        if placeholder is not None:
            failures.append(Failure(placeholder.path,
                                    f"`{name}` is still a placeholder ({placeholder.value!r})",
                                    {"missing": name}))
        else:
            missing.setdefault(deepest(scope, path), []).append(name)
    for where, names in missing.items():
        listed = _and([f"`{n}`" for n in names])
        verb = "is" if len(names) == 1 else "are"
        failures.append(Failure(where, f"{listed} {verb} not stated",
                                {"missing": _and(names), "count": len(names)}))
    return failures


@check("absent")
def check_absent(params: Any, scope: Scope) -> list[Failure]:
    failures = []
    for path in _paths(params):
        for node in scope.select(path):
            if is_stated(node.value):
                name = readable(path)
                failures.append(Failure(node.path, f"`{name}` is set here",
                                        {"found": name, "value": node.value}))
                break
    return failures


def _tokens(values: list[Any]) -> set[str]:
    return {v for v in values if isinstance(v, str)}


@check("covers")
def check_covers(params: dict[str, Any], scope: Scope) -> list[Failure]:
    present = _tokens(scope.values(params["values"]))
    missing_groups: list[list[str]] = []
    for group in params["require"]:
        options = group if isinstance(group, list) else [group]
        if not present.intersection(options):
            missing_groups.append(options)
    if not missing_groups:
        return []
    names = [" or ".join(label(o) for o in g) for g in missing_groups]
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return [Failure(_at(params, scope, params["values"]), f"nothing covers {listed}",
                    {"missing": listed, "missing_ids": ", ".join(g[0] for g in missing_groups),
                     "count": len(missing_groups)})]


@check("subset")
def check_subset(params: dict[str, Any], scope: Scope) -> list[Failure]:
    allowed = scope.values(params["of"])
    outside = [n for n in scope.select(params["items"])
               if n.value is not None and n.value not in allowed]
    if not outside:
        return []
    seen: list[Any] = []
    for node in outside:
        if node.value not in seen:
            seen.append(node.value)
    of_values = [v for v in allowed if v is not None]
    where = _at(params, scope, params["of"]) if params.get("at") else outside[0].path
    return [Failure(where,
                    f"{join(seen, scope)} {'is' if len(seen) == 1 else 'are'} not among "
                    f"{join(of_values, scope) or 'the listed values (none are listed)'}",
                    {"missing": join(seen, scope), "of": join(of_values, scope) or "nobody",
                     "count": len(seen)})]


def _name_of(node: Node) -> Any:
    value = node.value
    fallback = node.path[-1] if node.path else "the proposal"
    if isinstance(value, dict):
        return value.get("name") or value.get("id") or fallback
    return value if isinstance(value, str) else fallback


@check("count")
def check_count(params: dict[str, Any], scope: Scope) -> list[Failure]:
    nodes = scope.select(params["path"])
    count = len(nodes)
    name = readable(params["path"])
    lowest = params.get("min")
    highest = params.get("max")
    found = join([_name_of(n) for n in nodes[:6]], scope) or "none"
    if lowest is not None and count < lowest:
        return [Failure(_at(params, scope, params["path"]),
                        f"{count} found where at least {lowest} {'is' if lowest == 1 else 'are'}"
                        f" needed ({name})", {"count": count, "min": lowest, "found": found})]
    if highest is not None and count > highest:
        first_extra = nodes[highest] if highest < count else nodes[0]
        where = scope.select(params["at"])[0].path if params.get("at") and scope.select(
            params["at"]) else first_extra.path
        return [Failure(where, f"{count} found where at most {highest} "
                        f"{'is' if highest == 1 else 'are'} allowed ({name})",
                        {"count": count, "max": highest, "found": found})]
    return []


@check("equal")
def check_equal(params: dict[str, Any], scope: Scope) -> list[Failure]:
    nodes = [n for n in scope.select(params["values"]) if n.value is not None]
    if "to" in params:
        targets = scope.values(params["to"])
        expected = targets[0] if targets else None
        if expected is None:
            return []
    elif nodes:
        expected = nodes[0].value
    else:
        return []
    differing = [n for n in nodes if n.value != expected]
    if not differing:
        return []
    values = sorted({str(n.value) for n in differing})
    return [Failure(differing[0].path,
                    f"{join(values, scope)} differs from {expected}",
                    {"found": join(values, scope), "expected": expected})]


@check("unique")
def check_unique(params: dict[str, Any], scope: Scope) -> list[Failure]:
    seen: set[Any] = set()
    for node in scope.select(params["values"]):
        key = node.value if isinstance(node.value, str | int | float | bool) else repr(node.value)
        if key in seen:
            return [Failure(node.path, f"{node.value} appears more than once",
                            {"found": node.value})]
        seen.add(key)
    return []


@lru_cache(maxsize=512)
def _validator(schema_json: str) -> Any:
    import json

    import jsonschema

    schema = json.loads(schema_json)
    return jsonschema.Draft202012Validator(schema)


@check("schema")
def check_schema(params: dict[str, Any], scope: Scope) -> list[Failure]:
    import json

    from placecheck.rules import simple_schema

    failures = []
    schema = params["schema"]
    if simple_schema.supported(schema):
        for node in scope.select(params.get("path", "$")):
            for inner, detail, value in simple_schema.errors(schema, node.value):
                failures.append(Failure((*node.path, *inner), detail, {"value": value}))
        return failures
    validator = _validator(json.dumps(schema, sort_keys=True, default=str))
    for node in scope.select(params.get("path", "$")):
        for error in validator.iter_errors(_jsonable(node.value)):
            path = (*node.path, *error.absolute_path)
            failures.append(Failure(path, _schema_detail(error), {"value": error.instance}))
    return failures


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _schema_detail(error: Any) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "the value"
    validator = error.validator
    if validator == "required":
        missing = [m for m in error.validator_value if m not in (error.instance or {})]
        return f"`{'`, `'.join(missing)}` is not stated"
    if validator in ("const", "enum"):
        allowed = error.validator_value if validator == "enum" else [error.validator_value]
        return f"`{where}` is {error.instance!r}; expected {join(allowed)}"
    if validator == "minItems":
        return f"`{where}` lists {len(error.instance)} where at least {error.validator_value} " \
               "are needed"
    if validator == "maxItems":
        return f"`{where}` lists {len(error.instance)} where at most {error.validator_value} " \
               "are allowed"
    if validator == "minimum":
        return f"`{where}` is {error.instance}, below {error.validator_value}"
    if validator == "maximum":
        return f"`{where}` is {error.instance}, above {error.validator_value}"
    if validator == "not":
        return f"`{where}` is set to something that is not allowed here"
    return f"`{where}`: {error.message}"


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


@check("matches")
def check_matches(params: dict[str, Any], scope: Scope) -> list[Failure]:
    pattern = _pattern(params["pattern"])
    nodes = scope.select(params["values"])
    if any(isinstance(n.value, str) and is_stated(n.value) and pattern.search(n.value)
           for n in nodes):
        return []
    what = params.get("describe", params["pattern"])
    return [Failure(_at(params, scope, params["values"]),
                    f"nothing in `{readable(params['values'])}` mentions {what}",
                    {"missing": what})]


@check("not_future")
def check_not_future(params: dict[str, Any], scope: Scope) -> list[Failure]:
    """Dates that have not happened yet (each path of `values`): one failure per date."""
    import datetime as dt

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


@check("mentions")
def check_mentions(params: dict[str, Any], scope: Scope) -> list[Failure]:
    """Prose that states each group (or any group): evidence is the sentence that does."""
    from placecheck.rules import prose

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
    return [Failure(_at(params, scope, sources[0]), detail,
                    {"missing": listed, "said": said, "count": len(shown)})]


def _text_nodes(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node.value, list):
            out.extend(_text_nodes([Node((*node.path, i), v) for i, v in enumerate(node.value)]))
        elif isinstance(node.value, str) and is_stated(node.value):
            out.append(node)
    return out


@check("some")
def check_some(params: dict[str, Any], scope: Scope) -> list[Failure]:
    last: list[Failure] = []
    for node in scope.select(params["path"]):
        last = run_check(params["check"], scope.bind(params["as"], node))
        if not last:
            return []
    detail = last[0].detail if last else f"`{readable(params['path'])}` has no entries"
    return [Failure(_at(params, scope, params["path"]), f"none qualifies: {detail}",
                    {"detail": detail})]


@check("all_of")
def check_all_of(params: list[dict[str, Any]], scope: Scope) -> list[Failure]:
    failures: list[Failure] = []
    for spec in params:
        failures.extend(run_check(spec, scope))
    return failures


@check("any_of")
def check_any_of(params: list[dict[str, Any]], scope: Scope) -> list[Failure]:
    first: list[Failure] = []
    for spec in params:
        failures = run_check(spec, scope)
        if not failures:
            return []
        first = first or failures
    return first[:1]


@check("not")
def check_not(params: dict[str, Any], scope: Scope) -> list[Failure]:
    if run_check(params, scope):
        return []
    root = next(iter(scope.variables.values()), Node((), scope.data))
    return [Failure(root.path, "the condition that must not hold does hold", {})]
