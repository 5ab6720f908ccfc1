"""Modal forms for review input: a text prompt (rationale, note, assignee) and the source form.

A form only collects and checks input; it dismisses with the values and the screen that opened it does the write.
The source form checks what it can before anything is sent (URL scheme and host, the reference number) and says
exactly what is wrong next to the field, so a bad URL never leaves the form.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from workbench.services.compare import compare_reference, parse_figure
from workbench.services.review import ValidationError, validate_url
from workbench.tui.format import format_figure, format_number, safe

FORM_BINDINGS = [
    Binding("ctrl+s", "save", "Save", tooltip="Save and close", id="form_save"),
    Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="form_cancel"),
]


class _Form(ModalScreen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = list(FORM_BINDINGS)

    def compose_buttons(self) -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button("Save (ctrl+s)", variant="primary", id="save")
            yield Button("Cancel (esc)", id="cancel")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError


class TextPrompt(_Form):
    """One text value: a single line (Enter saves) or several (ctrl+s saves)."""

    def __init__(self, title: str, initial: str = "", *, multiline: bool = False) -> None:
        super().__init__()
        self._title = title
        self._initial = initial
        self._multiline = multiline

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(Text(self._title, style="bold"))
            if self._multiline:
                yield TextArea(self._initial, id="value", soft_wrap=True, show_line_numbers=False)
            else:
                yield Input(self._initial, id="value")
            yield from self.compose_buttons()

    @on(Input.Submitted, "#value")
    def action_save(self) -> None:
        field = self.query_one("#value")
        value = field.text if isinstance(field, TextArea) else field.value  # type: ignore[attr-defined]
        self.dismiss(value)


class SourceForm(_Form):
    """URL, title, excerpt, reference value and unit, note; the reference is compared live with the claim."""

    FIELDS = (
        ("url", "URL", "https://… (http or https only)"),
        ("title", "Title", "what the page is"),
        ("excerpt", "Excerpt", "the sentence that supports or refutes the claim"),
        ("reference_value", "Reference value", "e.g. 3.2e9, 3.2 billion (optional)"),
        ("reference_unit", "Reference unit", "empty: the claim's unit"),
        ("note", "Note", "optional"),
    )

    def __init__(self, label: str, claim: dict[str, Any] | None, draft: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._label = label
        self._claim = claim
        self._draft = draft or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="source-form"):
            yield Label(Text(f"Add a source to {self._label}", style="bold"))
            if self._claim is not None:
                mention = safe(self._claim["mention"])
                yield Label(Text(f"The claim says: {format_figure(self._claim)}  (“{mention}”)"))
            for name, title, placeholder in self.FIELDS:
                if name.startswith("reference") and self._claim is None:
                    continue
                value = self._draft.get(name)
                shown = (
                    ""
                    if value is None
                    else (
                        format_number(value) if name == "reference_value" and not isinstance(value, str) else str(value)
                    )
                )
                with Horizontal(classes="field"):
                    yield Label(title, classes="field-label")
                    yield Input(shown, placeholder=placeholder, id=name, compact=True)
            yield Static(id="comparison")
            yield Static(id="errors")
            yield from self.compose_buttons()

    def on_mount(self) -> None:
        self.query_one("#url", Input).focus()
        self._preview()

    @on(Input.Changed, "#reference_value")
    @on(Input.Changed, "#reference_unit")
    def _preview(self) -> None:
        """Show what the comparison will say before saving: the reviewer sees a typo in the figure at once."""
        out = self.query_one("#comparison", Static)
        if self._claim is None:
            return
        try:
            reference = parse_figure(self.query_one("#reference_value", Input).value)
        except ValueError as exc:
            out.update(Text(str(exc), style="red"))
            return
        if reference is None:
            out.update("")
            return
        claim = self._claim
        unit = self.query_one("#reference_unit", Input).value.strip() or None
        result = compare_reference(
            claim.get("value"),
            reference,
            value_high=claim.get("value_high"),
            unit=claim.get("unit"),
            reference_unit=unit,
            hedge=claim.get("hedge"),
            mention=claim.get("mention"),
        )
        style = "green" if result.consistent else ("red" if result.consistent is False else "yellow")
        shown = Text(f"Comparison: {result.explanation}", style=style)
        if result.ratio and not 1e-3 < abs(result.ratio) < 1e3:
            typed = self.query_one("#reference_value", Input).value.strip()
            shown.append(
                f"\nThe figures are orders of magnitude apart: check the scale (“{typed} billion”, "
                f"“{typed} million” and “{typed}e9” are understood).",
                style="yellow",
            )
        out.update(shown)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#{name}", Input).value for name, _, _ in self.FIELDS if self.query(f"#{name}")}

    def action_save(self) -> None:
        values = self.values()
        errors: list[tuple[str, str]] = []
        try:
            values["url"] = validate_url(values["url"])
        except ValidationError as exc:
            errors.append(("url", str(exc)))
        fields: dict[str, Any] = {k: (v.strip() or None) for k, v in values.items()}
        if "reference_value" in values:
            try:
                fields["reference_value"] = parse_figure(values["reference_value"])
            except ValueError as exc:
                errors.append(("reference_value", str(exc)))
            if fields.get("reference_unit") and fields.get("reference_value") is None:
                errors.append(("reference_unit", "a reference unit needs a reference value"))
        for name, _, _ in self.FIELDS:
            if self.query(f"#{name}"):
                self.query_one(f"#{name}", Input).set_class(any(n == name for n, _ in errors), "-invalid")
        if errors:
            self.query_one("#errors", Static).update(Text("\n".join(message for _, message in errors), style="red"))
            self.query_one(f"#{errors[0][0]}", Input).focus()
            return
        self.dismiss(fields)
