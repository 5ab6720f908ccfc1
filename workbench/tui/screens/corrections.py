"""Forms for correcting the extractor: dismiss (``d``), edit fields (``e``), a cluster change (``S`` split or move,
``J`` merge, ``N`` not a conflict), add a missed item (``A`` in the article view, after selecting its words).

Each form says what will change before anything is written (its confirm line), checks what it can on the spot,
and dismisses with the values; the screen that opened it does the write through the review services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Header, Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Document, Selection

from workbench.models import CLAIM_KINDS
from workbench.services.corrections import EDITABLE, QUOTE_KINDS, ClusterPlan, check_field, parse_field
from workbench.services.review import ItemRef, ReviewError
from workbench.textsafe import for_terminal
from workbench.tui.format import format_figure, safe
from workbench.tui.screens.forms import _Form

DISMISS_REASONS_SHOWN = {
    "claim": (("not a claim", "not_a_claim"), ("duplicate", "duplicate")),
    "quote": (("not a quote", "not_a_quote"), ("duplicate", "duplicate")),
}
KIND_CHOICES = {"claim": CLAIM_KINDS, "quote": QUOTE_KINDS}
# The order fields appear in the edit form: what is most often wrong first.
FIELD_ORDER = {
    "claim": ("kind", "value", "value_high", "unit", "hedge", "role", "target", "speaker"),
    "quote": ("speaker", "kind"),
}


def describe_item(entity_type: str, record: dict[str, Any]) -> str:
    """“claim 12 “$3 billion” (money, 3 bn USD)”: how a form names the item it acts on."""
    words = record.get("mention") if entity_type == "claim" else record.get("text")
    shown = safe(words)
    if len(shown) > 60:
        shown = shown[:59] + "…"
    figure = f" ({safe(record.get('kind'))}, {format_figure(record)})" if entity_type == "claim" else ""
    return f"{entity_type} {record.get('id')} “{shown}”{figure}"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return str(value)


class DismissForm(_Form):
    """Why the item goes (not a claim / not a quote / duplicate) and an optional reason in words."""

    def __init__(self, entity_type: str, record: dict[str, Any]) -> None:
        super().__init__()
        self._type = entity_type
        self._record = record

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="dismiss-form"):
            yield Label(Text(f"Dismiss {describe_item(self._type, self._record)}", style="bold"))
            with Horizontal(classes="field"):
                yield Label("Why", classes="field-label")
                yield Select(
                    DISMISS_REASONS_SHOWN[self._type],
                    value=f"not_a_{self._type}",
                    allow_blank=False,
                    id="reason",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Reason (optional)", classes="field-label")
                yield Input(placeholder="e.g. a scare quote, not a statement", id="note", compact=True)
            yield Static(id="confirm", classes="confirm")
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()
        self._preview()

    @on(Select.Changed, "#reason")
    def _preview(self) -> None:
        reason = str(self.query_one("#reason", Select).value).replace("_", " ")
        self.query_one("#confirm", Static).update(
            Text(
                f"Will change: the {self._type} leaves the lists and the exports as {reason}. Its verdict, sources and "
                "notes are kept; the 'dismissed' verdict filter shows it; u undoes.",
                style="yellow",
            )
        )

    @on(Input.Submitted, "#note")
    def action_save(self) -> None:
        self.dismiss(
            {
                "reason": str(self.query_one("#reason", Select).value),
                "note": self.query_one("#note", Input).value.strip() or None,
            }
        )


class EditForm(_Form):
    """Every correctable field, pre-filled; the speaker from the article's people or typed."""

    def __init__(self, entity_type: str, record: dict[str, Any], people: list[str]) -> None:
        super().__init__()
        self._type = entity_type
        self._record = record
        self._people = people

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="edit-form"):
            yield Label(Text(f"Correct {describe_item(self._type, self._record)}", style="bold"))
            for name in FIELD_ORDER[self._type]:
                with Horizontal(classes="field"):
                    yield Label(name.replace("_", " "), classes="field-label")
                    if name == "kind":
                        yield Select(
                            [(k.replace("_", " "), k) for k in KIND_CHOICES[self._type]],
                            value=self._record["kind"],
                            allow_blank=False,
                            id="kind",
                            compact=True,
                        )
                    else:
                        suggester = SuggestFromList(self._people, case_sensitive=False) if name == "speaker" else None
                        yield Input(_shown(self._current(name)), id=name, compact=True, suggester=suggester)
            if self._people:
                with Horizontal(classes="field"):
                    yield Label("article's people", classes="field-label")
                    yield Select(
                        [(safe(p), p) for p in self._people], prompt="pick a speaker", id="people", compact=True
                    )
            yield Static(id="confirm", classes="confirm")
            yield from self.compose_buttons()

    def _current(self, name: str) -> Any:
        value = self._record.get(name)
        return bool(value) if name == "target" and value is not None else value

    def on_mount(self) -> None:
        self.query_one(f"#{FIELD_ORDER[self._type][0]}").focus()
        self._preview()

    @on(Select.Changed, "#people")
    def _picked(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#speaker", Input).value = str(event.value)

    def changes(self) -> tuple[dict[str, Any], list[str]]:
        """The fields whose value differs from the item's, and what is wrong with the others."""
        changes: dict[str, Any] = {}
        errors: list[str] = []
        for name in EDITABLE[self._type]:
            widget = self.query_one(f"#{name}")
            try:
                if isinstance(widget, Select):
                    value = check_field(self._type, name, widget.value)
                elif isinstance(widget, Input):
                    value = check_field(self._type, name, parse_field(self._type, name, widget.value))
                else:
                    raise TypeError(f"field {name} has no value widget")
            except ReviewError as exc:
                errors.append(str(exc))
                continue
            if value != self._current(name):
                changes[name] = value
        return changes, errors

    @on(Input.Changed)
    @on(Select.Changed, "#kind")
    def _preview(self) -> None:
        changes, errors = self.changes()
        if errors:
            self.query_one("#confirm", Static).update(Text("\n".join(errors), style="red"))
            return
        if not changes:
            self.query_one("#confirm", Static).update(Text("Nothing changed yet.", style="dim"))
            return
        lines = [
            f"{name.replace('_', ' ')}: {safe(_shown(self._current(name))) or '—'} → {safe(_shown(value)) or '—'}"
            for name, value in changes.items()
        ]
        self.query_one("#confirm", Static).update(
            Text("Will change: " + "; ".join(lines) + ". Lists and exports use these values; u undoes.", style="yellow")
        )

    @on(Input.Submitted)
    def action_save(self) -> None:
        changes, errors = self.changes()
        if errors or not changes:
            self._preview()
            return
        self.dismiss(changes)


class ClusterForm(_Form):
    """One cluster id typed (or accepted as offered), and what the change would do, computed off the event loop
    by ``planner`` (which raises ReviewError for an impossible change)."""

    def __init__(
        self, title: str, prompt: str, initial: str, planner: Callable[[str], ClusterPlan], *, hint: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._prompt = prompt
        self._initial = initial
        self._planner = planner
        self._hint = hint
        self._plan: ClusterPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="cluster-form"):
            yield Label(Text(self._title, style="bold"))
            with Horizontal(classes="field"):
                yield Label(self._prompt, classes="field-label")
                yield Input(self._initial, id="target", compact=True)
            if self._hint:
                yield Static(Text(self._hint, style="dim"))
            yield Static(Text("working out what would change…", style="dim"), id="confirm", classes="confirm")
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#target", Input).focus()
        self._plan_for(self._initial)

    @on(Input.Changed, "#target")
    def _changed(self, event: Input.Changed) -> None:
        self._plan = None
        self._plan_for(event.value)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def _plan_for(self, text: str) -> None:
        try:
            plan: ClusterPlan | str = self._planner(text)
        except (ReviewError, ValueError) as exc:
            plan = str(exc)
        self.app.call_from_thread(self._show, text, plan)

    def _show(self, text: str, plan: ClusterPlan | str) -> None:
        if text != self.query_one("#target", Input).value:
            return  # typed on meanwhile
        confirm = self.query_one("#confirm", Static)
        if isinstance(plan, str):
            self._plan = None
            confirm.update(Text(plan, style="red"))
            return
        self._plan = plan
        confirm.update(Text("Will change: " + " ".join(plan.lines) + " u undoes.", style="yellow"))

    @on(Input.Submitted, "#target")
    def action_save(self) -> None:
        if self._plan is not None:
            self.dismiss(self.query_one("#target", Input).value.strip())


def parse_cluster(text: str) -> int | None:
    """A cluster typed as ``40``, ``claim-cluster:40`` or empty (None: a cluster of its own)."""
    text = text.strip()
    if not text:
        return None
    number = text.rpartition(":")[2].strip()
    if not number.isdigit():
        raise ValueError(f"{text!r} is not a cluster number")
    return int(number)


def one_for_one(text: str) -> str:
    """``text`` safe for the terminal with every character kept at its index: control characters become one
    visible stand-in each and line breaks other than LF become spaces, so a selection's offsets are the stored
    text's offsets (``for_terminal`` may widen a character)."""
    stand_ins = []
    for char in text:
        if char == "\n":
            stand_ins.append(char)
        elif char.isspace() and char != " " or char in "\x1c\x1d\x1e\x85\u2028\u2029":
            stand_ins.append(" ")
        else:
            shown = for_terminal(char)
            stand_ins.append(shown if len(shown) == 1 else "\ufffd")
    return "".join(stand_ins)


class SpanScreen(Screen[None]):
    """The article as selectable text: select the words of a missed claim or quote with shift+arrows (shift+ctrl
    for words) or the mouse, then Enter opens the form to add it."""

    BINDINGS = [
        Binding(
            "enter",
            "use_selection",
            "Add selection",
            priority=True,
            tooltip="Add the selected words as a claim or a quote",
            id="add_selection",
        ),
        Binding("slash", "find", "Find", tooltip="Select the next place where the typed words occur", id="find_span"),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the article without adding", id="close_span"),
    ]

    def __init__(
        self,
        article_id: int,
        text: str,
        focus: tuple[int, int] | None,
        on_add: Callable[[int, int, dict[str, Any]], None],
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.text = text
        self._focus = focus
        self._on_add = on_add

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(
                "Select the words with shift+arrows (shift+ctrl+arrows: whole words) or drag the mouse, "
                "or / to find them; Enter adds them as a claim or a quote; esc goes back.",
                style="dim",
            ),
            id="span-help",
        )
        yield TextArea(one_for_one(self.text), read_only=True, soft_wrap=True, show_line_numbers=False, id="span-text")
        yield Static(id="span-status")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#span-text", TextArea)
        if self._focus is not None:
            area.cursor_location = _document(area).get_location_from_index(self._focus[0])
            area.scroll_cursor_visible(center=True)
        area.focus()
        self._status()

    @property
    def selection(self) -> tuple[int, int]:
        """The selected span as offsets into the stored text, start before end."""
        area = self.query_one("#span-text", TextArea)
        first = _document(area).get_index_from_location(area.selection.start)
        last = _document(area).get_index_from_location(area.selection.end)
        return min(first, last), max(first, last)

    @on(TextArea.SelectionChanged)
    def _status(self) -> None:
        start, end = self.selection
        status = self.query_one("#span-status", Static)
        if start == end:
            status.update(Text(f"nothing selected (cursor at {start})", style="dim"))
            return
        words = self.text[start:end]
        shown = safe(words)
        status.update(Text(f"text[{start}:{end}] = “{shown[:80]}{'…' if len(shown) > 80 else ''}”"))

    def action_find(self) -> None:
        from workbench.tui.screens.forms import TextPrompt

        def find(words: str | None) -> None:
            if words:
                self.select_next(words)

        self.app.push_screen(TextPrompt("Find in the article (the words are selected)"), find)

    def select_next(self, words: str) -> None:
        """Select the next occurrence of ``words`` after the cursor (case-insensitive, wrapping around)."""
        area = self.query_one("#span-text", TextArea)
        folded, needle = self.text.casefold(), words.casefold()
        after = self.selection[1]
        found = folded.find(needle, after)
        if found < 0:
            found = folded.find(needle)
        if found < 0 or len(folded) != len(self.text):
            self.notify(f"“{safe(words)}” is not in the article.", severity="warning", timeout=3)
            return
        document = _document(area)
        area.selection = Selection(
            document.get_location_from_index(found), document.get_location_from_index(found + len(words))
        )
        area.scroll_cursor_visible(center=True)

    def action_use_selection(self) -> None:
        start, end = self.selection
        if start == end:
            self.notify("Select the words first (shift+arrows or the mouse).", severity="warning", timeout=3)
            return

        def added(fields: dict[str, Any] | None) -> None:
            if fields:
                self._on_add(start, end, fields)

        self.app.push_screen(AddForm(self.article_id, start, end, self.text[start:end]), added)


class AddForm(_Form):
    """What the selected words are: a claim (its kind and figure) or a quote (its speaker), with a confirm line."""

    def __init__(self, article_id: int, start: int, end: int, words: str) -> None:
        super().__init__()
        self._article_id = article_id
        self._start, self._end = start, end
        self._words = words

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="add-form"):
            yield Label(
                Text(
                    f"Add text[{self._start}:{self._end}] of article {self._article_id}: “{safe(self._words)[:70]}”",
                    style="bold",
                )
            )
            with Horizontal(classes="field"):
                yield Label("type", classes="field-label")
                yield Select(
                    [("claim", "claim"), ("quote", "quote")], value="claim", allow_blank=False, id="type", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("kind", classes="field-label")
                yield Select(
                    [(k.replace("_", " "), k) for k in CLAIM_KINDS], prompt="choose the kind", id="kind", compact=True
                )
            for name, placeholder in (
                ("value", "e.g. 3.2 billion"),
                ("value_high", "upper end of a range"),
                ("unit", "USD, percent, years, the counted noun…"),
                ("speaker", "who said it, if anyone"),
            ):
                with Horizontal(classes="field"):
                    yield Label(name.replace("_", " "), classes="field-label")
                    yield Input(placeholder=placeholder, id=name, compact=True)
            yield Static(id="confirm", classes="confirm")
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#type", Select).focus()
        self._preview()

    @on(Select.Changed, "#type")
    def _type_changed(self) -> None:
        kinds = KIND_CHOICES[self.entity_type]
        kind = self.query_one("#kind", Select)
        kind.set_options([(k.replace("_", " "), k) for k in kinds])
        if self.entity_type == "quote":
            kind.value = "direct"
        for name in ("value", "value_high", "unit"):
            self.query_one(f"#{name}", Input).disabled = self.entity_type == "quote"
        self._preview()

    @property
    def entity_type(self) -> str:
        return str(self.query_one("#type", Select).value)

    def fields(self) -> tuple[dict[str, Any], list[str]]:
        entity_type = self.entity_type
        fields: dict[str, Any] = {}
        errors = []
        kind = self.query_one("#kind", Select).value
        if kind is Select.NULL:
            errors.append("choose the kind")
        else:
            fields["kind"] = kind
        for name in EDITABLE[entity_type]:
            if name == "kind" or not self.query(f"#{name}"):
                continue
            widget = self.query_one(f"#{name}", Input)
            try:
                value = parse_field(entity_type, name, widget.value)
            except ReviewError as exc:
                errors.append(str(exc))
                continue
            if value is not None:
                fields[name] = value
        return fields, errors

    @on(Input.Changed)
    @on(Select.Changed, "#kind")
    def _preview(self) -> None:
        fields, errors = self.fields()
        confirm = self.query_one("#confirm", Static)
        if errors:
            confirm.update(Text("; ".join(errors), style="red"))
            return
        what = f"a {fields['kind'].replace('_', ' ')} {self.entity_type}"
        if self.entity_type == "claim" and fields.get("value") is not None:
            what += f" of {format_figure(fields)}"
        if fields.get("speaker"):
            what += f", said by {safe(fields['speaker'])}"
        confirm.update(
            Text(
                f"Will change: adds {what}, marked by a reviewer (origin added), in a cluster of its "
                "own; u in the list undoes.",
                style="yellow",
            )
        )

    @on(Input.Submitted)
    def action_save(self) -> None:
        fields, errors = self.fields()
        if errors:
            self._preview()
            return
        self.dismiss({"entity_type": self.entity_type, **fields})


class OrphansScreen(Screen[None]):
    """Reviews left without their item: re-attach one to the item it belongs to now, or discard it."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", tooltip="Back to the list", id="close_orphans"),
        Binding(
            "a",
            "attach",
            "Re-attach",
            tooltip="Move the review onto the item it belongs to now (its id)",
            id="attach_orphan",
        ),
        Binding(
            "d",
            "discard",
            "Discard",
            tooltip="Stop listing this orphaned review (it stays in the history)",
            id="discard_orphan",
        ),
    ]

    def compose(self) -> ComposeResult:
        from textual.widgets import DataTable

        yield Header()
        yield Static(Text("loading…", style="dim"), id="orphans-summary")
        yield DataTable(id="orphans", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "orphaned reviews"
        self._load()

    @work(thread=True, exclusive=True, group="orphans", exit_on_error=False)
    def _load(self) -> None:
        rows = self.app.backend.orphans()  # type: ignore[attr-defined]
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        from textual.widgets import DataTable

        self.rows = rows
        table = self.query_one("#orphans", DataTable)
        table.clear(columns=True)
        table.add_columns("item", "article", "mention", "verdict", "sources", "notes")
        for row in rows:
            ref = ItemRef(row["entity_type"], row["entity_id"])
            table.add_row(
                Text(str(ref)),
                Text(f"{safe(row['source'])} v{row['article_version']}"),
                Text(safe(row["text"])[:60]),
                Text(safe(row["verdict"]) or "—"),
                Text(str(row["sources"])),
                Text(str(row["notes"])),
                key=str(ref),
            )
        self.query_one("#orphans-summary", Static).update(
            Text(
                f"{len(rows)} orphaned review{'s' if len(rows) != 1 else ''}: a: re-attach to an item, d: discard"
                if rows
                else "No orphaned reviews.",
                style="bold" if rows else "dim",
            )
        )
        table.focus()

    def _current(self) -> ItemRef | None:
        from textual.widgets import DataTable

        table = self.query_one("#orphans", DataTable)
        if not getattr(self, "rows", None) or table.cursor_row >= len(self.rows):
            return None
        row = self.rows[table.cursor_row]
        return ItemRef(row["entity_type"], row["entity_id"])

    def action_attach(self) -> None:
        from workbench.tui.screens.forms import TextPrompt

        orphan = self._current()
        if orphan is None:
            return

        def attach(text: str | None) -> None:
            if text:
                try:
                    target = ItemRef.parse(text if ":" in text else f"{orphan.entity_type}:{text.strip()}")
                except ReviewError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    return
                self._write(lambda b: b.reattach(orphan, target))

        self.app.push_screen(TextPrompt(f"Re-attach the review of {orphan.label} to (item id)"), attach)

    def action_discard(self) -> None:
        orphan = self._current()
        if orphan is not None:
            self._write(lambda b: b.discard(orphan))

    @work(thread=True, exclusive=True, group="orphan-write", exit_on_error=False)
    def _write(self, job: Callable[[Any], Any]) -> None:
        try:
            outcome = job(self.app.backend)  # type: ignore[attr-defined]
        except (ReviewError, ValueError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not saved", severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, outcome.message, markup=False)
        rows = self.app.backend.orphans()  # type: ignore[attr-defined]
        self.app.call_from_thread(self._show, rows)


def _document(area: TextArea) -> Document:
    """The area's text as a ``Document`` (the type Textual declares is the base class, which has no offset maps)."""
    document = area.document
    if not isinstance(document, Document):
        raise TypeError(f"unexpected document type {type(document).__name__}")
    return document
