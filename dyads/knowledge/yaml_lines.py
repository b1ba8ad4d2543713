"""YAML loading that remembers the line of every mapping, so errors and explanations can say
`countries.yaml:412` instead of "somewhere in the countries"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dyads.errors import DictionaryError

LINE_KEY = "__line__"
_M = TypeVar("_M", bound=BaseModel)


# libyaml's parser where PyYAML was built with it: the same nodes, marks and values (the
# constructors and resolvers below are Python either way), a quarter of the time (the cold build
# reads 14 files, people.yaml the largest: 1.8 -> 0.4 s)
_SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    pass


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = loader.construct_mapping(node, deep=deep)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: pydantic parses them, with a clear message when they are wrong. And
# "on", "off", "yes", "no" stay words (prepositions are pattern data here): only true/false
# are booleans.
LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise DictionaryError(f"{where}: not valid YAML ({getattr(err, 'problem', err)})") from None
    except OSError as err:
        raise DictionaryError(f"{path}: cannot read ({err})") from None


def strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def validated(model: type[_M], raw: object, relative: str) -> _M:
    """`raw` (as `load_yaml` read it) checked against `model`; the first error names its file
    and line: "events/clauses.yaml:12: [support_verbs] Field required"."""
    try:
        return model.model_validate(strip_lines(raw))
    except ValidationError as err:
        first = err.errors()[0]
        line = _line_of(raw, first["loc"])
        location = ".".join(str(p) for p in first["loc"])
        raise DictionaryError(f"{relative}:{line}: [{location}] {first['msg']}") from None


def _line_of(raw: object, loc: tuple) -> int:
    """The line of the deepest mapping on the error's path."""
    line, node = 1, raw
    for key in loc:
        try:
            node = node[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            line = node.get(LINE_KEY, line)
    return line
