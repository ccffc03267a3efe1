"""Reads and checks the event record (data/record/*.yaml): what happened, by quarter, dyad and kind.

Every error names the file, the line, the field and what was expected (one line, exit code 2 in
the scripts that use it). The format is described in the record file's header.
"""
import re

import yaml

QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
CONFIDENCE = ("certain", "verify")
EVENT_FIELDS = ("quarter", "dyad", "kind", "confidence", "what", "source")
TOP_FIELDS = ("pre_origin", "scored_from", "complete_through", "definitions", "events")


class RecordError(Exception):
    """A malformed record: the message names the file, line and field."""


def quarter_index(label):
    """2018Q3 -> 2018 * 4 + 2 (consecutive quarters differ by 1)."""
    m = QUARTER.match(str(label))
    if not m:
        raise ValueError(label)
    return int(m.group(1)) * 4 + int(m.group(2)) - 1


def quarter_label(index):
    return f"{index // 4}Q{index % 4 + 1}"


def _mapping(node):
    return {k.value: (k, v) for k, v in node.value}


def _scalar(path, node, field, expected):
    if not isinstance(node, yaml.ScalarNode) or str(node.value).strip() == "":
        raise RecordError(f"{path}:{node.start_mark.line + 1}: field '{field}': expected {expected}")
    return str(node.value)


def _quarter(path, node, field):
    text = _scalar(path, node, field, "a quarter like 2019Q1")
    try:
        return quarter_index(text)
    except ValueError:
        raise RecordError(f"{path}:{node.start_mark.line + 1}: field '{field}': expected a quarter like 2019Q1, "
                          f"got '{text}'") from None


def canonical_dyad(text, actors):
    """'PAK-RUS' -> 'RUS-PAK' in the order of `actors` (the output's actor order); None if unknown."""
    parts = text.split("-")
    if len(parts) != 2 or parts[0] == parts[1] or not all(p in actors for p in parts):
        return None
    a, b = sorted(parts, key=actors.index)
    return f"{a}-{b}"


def load(path, actors):
    """The record as a dict: pre_origin, scored_from, complete_through (quarter indices), kinds
    (defined), scored_dyads ({kind: [dyad]} restrictions) and events (list of dicts with quarter
    index, dyad in `actors` order, kind, confidence, what, source, line)."""
    try:
        with open(path, encoding="utf-8") as f:
            root = yaml.compose(f)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RecordError(f"{path}:{line}: field '(document)': expected valid YAML ({getattr(err, 'problem', err)})") from None
    if not isinstance(root, yaml.MappingNode):
        raise RecordError(f"{path}:1: field '(document)': expected a mapping with {', '.join(TOP_FIELDS)}")
    top = _mapping(root)
    _require(path, root, top, TOP_FIELDS, "at the top level")
    out = {f: _quarter(path, top[f][1], f) for f in ("pre_origin", "scored_from", "complete_through")}
    if not out["pre_origin"] < out["scored_from"] <= out["complete_through"]:
        node = top["complete_through"][1]
        raise RecordError(f"{path}:{node.start_mark.line + 1}: field 'complete_through': expected "
                          "pre_origin < scored_from <= complete_through")
    defs = top["definitions"][1]
    if not isinstance(defs, yaml.MappingNode):
        raise RecordError(f"{path}:{defs.start_mark.line + 1}: field 'definitions': expected a mapping kind: text")
    out["kinds"] = [k.value for k, _ in defs.value]
    out["scored_dyads"] = {}
    if "scored_dyads" in top:
        for k, v in top["scored_dyads"][1].value:
            out["scored_dyads"][k.value] = [_dyad(path, d, actors) for d in v.value]
    out["events"] = [_event(path, node, out["kinds"], actors) for node in _sequence(path, top["events"][1])]
    return out


def _require(path, node, fields, names, where):
    for field in names:
        if field not in fields:
            raise RecordError(f"{path}:{node.start_mark.line + 1}: field '{field}': expected {where}")


def _sequence(path, node):
    if not isinstance(node, yaml.SequenceNode):
        raise RecordError(f"{path}:{node.start_mark.line + 1}: field 'events': expected a list of events")
    return node.value


def _dyad(path, node, actors):
    text = _scalar(path, node, "dyad", "a dyad like RUS-PAK")
    dyad = canonical_dyad(text, actors)
    if dyad is None:
        raise RecordError(f"{path}:{node.start_mark.line + 1}: field 'dyad': expected two of "
                          f"{', '.join(actors)} joined by '-', got '{text}'")
    return dyad


def _event(path, node, kinds, actors):
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise RecordError(f"{path}:{line}: field 'events': expected a mapping per event")
    fields = _mapping(node)
    _require(path, node, fields, EVENT_FIELDS, "in every event")
    event = {"line": line, "quarter": _quarter(path, fields["quarter"][1], "quarter"),
             "dyad": _dyad(path, fields["dyad"][1], actors)}
    kind = _scalar(path, fields["kind"][1], "kind", "an event kind")
    if kind not in kinds:
        raise RecordError(f"{path}:{fields['kind'][1].start_mark.line + 1}: field 'kind': expected one of "
                          f"the defined kinds ({', '.join(kinds)}), got '{kind}'")
    conf = _scalar(path, fields["confidence"][1], "confidence", "certain or verify")
    if conf not in CONFIDENCE:
        raise RecordError(f"{path}:{fields['confidence'][1].start_mark.line + 1}: field 'confidence': "
                          f"expected certain or verify, got '{conf}'")
    event.update(kind=kind, confidence=conf, what=_scalar(path, fields["what"][1], "what", "a description"),
                 source=_scalar(path, fields["source"][1], "source", "a source (outlet, treaty or statement, with date)"))
    return event
