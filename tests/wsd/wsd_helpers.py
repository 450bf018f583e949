"""Run the stages by hand, for tests that look at one stage's output."""
from __future__ import annotations

from wsd import layout, model, parse
from wsd.diagnostics import Reporter


def statements(text: str):
    report = Reporter("t.wsd")
    return parse.parse(text, report), report.sorted()


def diagram(text: str):
    report = Reporter("t.wsd")
    d = model.build(parse.parse(text, report), report)
    return d, report.sorted()


def geometry(text: str, links=None):
    d, diags = diagram(text)
    assert not [x for x in diags if x.severity == "error"], diags
    return layout.layout(d, links)


def messages(diags, severity=None):
    return [d.message for d in diags if severity is None or d.severity == severity]
