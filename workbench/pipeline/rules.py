"""Named extraction rules and the small engine that runs them, recording which rules fired (the trace).

Modelled on spaCy's ``Matcher.add("ID", patterns)``: the fast scanners stay code, but every decision taken after
them (reject a candidate, classify it, attach a hedge, read a change, pick a speaker) is a ``Rule`` with a name, a
one-line doc and its examples as data. Whatever a rule decides, its name goes into the mention's trace, so "why is
this a claim?" has an answer (``workbench explain``) and a test runs every rule's examples.

Examples mark the mention the rule is about with double brackets: ``"a [[20-year]] cooperation plan"``. A positive
example must make the rule fire on the marked mention (or anywhere, when nothing is marked); a counter-example must
not. ``examples_of`` strips the brackets and gives the offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

Trace = list[str]
"""The names of the rules that fired on one mention, in the order they fired."""

_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)


@dataclass(frozen=True)
class Rule:
    """One named decision. ``apply`` returns None when the rule does not apply, anything else when it fires."""

    name: str
    stage: str
    doc: str
    apply: Callable[..., Any]
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    family: str = ""


@dataclass(frozen=True)
class Example:
    """An example with its brackets removed: the text, and the marked span (None: anywhere in the text)."""

    text: str
    start: int | None
    end: int | None

    @property
    def mention(self) -> str | None:
        return None if self.start is None else self.text[self.start : self.end]


def parse_example(marked: str) -> Example:
    match = _MARK.search(marked)
    if match is None:
        return Example(marked, None, None)
    text = marked[: match.start()] + match.group(1) + marked[match.end() :]
    if _MARK.search(text):
        raise ValueError(f"an example marks one mention only: {marked!r}")
    return Example(text, match.start(), match.start() + len(match.group(1)))


Probe = Callable[[str], list[tuple[int, int, Trace]]]
"""Runs a family's extractor on a text: each mention's span and its trace (for the examples test)."""


@dataclass
class RuleSet:
    """An ordered table of rules of one family (claims, quotes, speakers), grouped by stage."""

    family: str
    stages: tuple[str, ...]
    rules: list[Rule] = field(default_factory=list)
    probe: Probe | None = None
    _by_stage: dict[str, list[Rule]] = field(default_factory=dict, repr=False)
    _by_name: dict[str, Rule] = field(default_factory=dict, repr=False)
    _plans: dict[str, tuple[tuple[str, Callable[..., Any]], ...]] = field(default_factory=dict, repr=False)

    def add(self, rule: Rule) -> Rule:
        if rule.stage not in self.stages:
            raise ValueError(f"{self.family}: rule {rule.name!r} names unknown stage {rule.stage!r}")
        if rule.name in self._by_name:
            raise ValueError(f"{self.family}: two rules named {rule.name!r}")
        rule = Rule(
            rule.name, rule.stage, rule.doc, rule.apply, tuple(rule.examples), tuple(rule.counter_examples), self.family
        )
        self.rules.append(rule)
        self._by_stage.setdefault(rule.stage, []).append(rule)
        self._by_name[rule.name] = rule
        self._plans.pop(rule.stage, None)
        return rule

    def rule(
        self,
        stage: str,
        *,
        name: str | None = None,
        examples: tuple[str, ...] | list[str] = (),
        counter: tuple[str, ...] | list[str] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: the function is the rule's ``apply``; its name and the first line of its docstring name it."""

        def register(apply: Callable[..., Any]) -> Callable[..., Any]:
            doc = (apply.__doc__ or "").strip().splitlines()
            if not doc:
                raise ValueError(f"{self.family}: rule {apply.__name__} needs a one-line docstring")
            self.add(Rule(name or apply.__name__.lstrip("_"), stage, doc[0], apply, tuple(examples), tuple(counter)))
            return apply

        return register

    def in_stage(self, stage: str) -> list[Rule]:
        return self._by_stage.get(stage, [])

    def _plan(self, stage: str) -> tuple[tuple[str, Callable[..., Any]], ...]:
        """The stage's (name, apply) pairs in order, built once: the extractors run stages on every mention, and
        this spares each rule an attribute lookup."""
        plan = self._plans.get(stage)
        if plan is None:
            plan = self._plans[stage] = tuple((rule.name, rule.apply) for rule in self._by_stage.get(stage, ()))
        return plan

    def first(self, stage: str, trace: Trace | None, *args: Any) -> Any:
        """Run the stage's rules in order; the first that fires decides (its name is traced); None if none fires."""
        for name, apply in self._plans.get(stage) or self._plan(stage):
            result = apply(*args)
            if result is not None and result is not False:
                if trace is not None:
                    trace.append(name)
                return result
        return None

    def read(self, stage: str, *args: Any) -> Any:
        """``first`` for rules that read a new mention (anything with a ``trace`` list): the name of the rule that
        read it goes on the mention's own trace, after whatever the rule's own sub-readings traced there."""
        for name, apply in self._plans.get(stage) or self._plan(stage):
            result = apply(*args)
            if result is not None and result is not False:
                result.trace.append(name)
                return result
        return None

    def read_from(self, stage: str, start: int, *args: Any) -> Any:
        """``read`` from the stage's ``start``-th rule on, for a caller that knows the rules before it cannot fire
        (the claims "unit" rules after the one pattern that found which unit follows a number)."""
        for name, apply in (self._plans.get(stage) or self._plan(stage))[start:]:
            result = apply(*args)
            if result is not None and result is not False:
                result.trace.append(name)
                return result
        return None

    def decide(self, stage: str, *args: Any) -> tuple[str | None, Any]:
        """Like ``first``, but hands back the deciding rule's name with its result ((None, None) when none fires),
        for a scanner that keeps the name on its candidate rather than in a trace list."""
        for name, apply in self._plans.get(stage) or self._plan(stage):
            result = apply(*args)
            if result is not None and result is not False:
                return name, result
        return None, None

    def each(self, stage: str, trace: Trace | None, *args: Any) -> list[Any]:
        """Run every rule of the stage; the results of those that fired, each traced."""
        results = []
        for name, apply in self._plans.get(stage) or self._plan(stage):
            result = apply(*args)
            if result is not None and result is not False:
                if trace is not None:
                    trace.append(name)
                results.append(result)
        return results

    def get(self, name: str) -> Rule:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


_FAMILIES: dict[str, RuleSet] = {}


def rule_set(family: str, stages: tuple[str, ...]) -> RuleSet:
    """The family's rule set, created once (modules of one family share it)."""
    existing = _FAMILIES.get(family)
    if existing is not None:
        if existing.stages != stages:
            raise ValueError(f"rule set {family!r} already exists with stages {existing.stages}")
        return existing
    created = RuleSet(family, stages)
    _FAMILIES[family] = created
    return created


def families() -> dict[str, RuleSet]:
    """Every rule set registered so far (import the extractors first to register theirs)."""
    return dict(_FAMILIES)


def describe(name: str) -> str:
    """The one-line doc of a rule named anywhere, for ``explain``; the bare name when it is unknown."""
    for rules in _FAMILIES.values():
        if name in rules:
            return rules.get(name).doc
    return name


__all__ = ["Example", "Probe", "Rule", "RuleSet", "Trace", "describe", "families", "parse_example", "rule_set"]
