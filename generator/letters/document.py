"""A letter as a small tree of blocks, read from the Markdown a template produced.

Every output format (DOCX, HTML, Markdown, PDF) renders this tree; none of them patches text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin


@dataclass(frozen=True)
class Run:
    """Inline text with its emphasis; `note` marks a footnote reference (its number)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: int | None = None
    link: str | None = None
    line_break: bool = False


@dataclass(frozen=True)
class Heading:
    level: int
    runs: tuple[Run, ...]
    role: str = "body"


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    role: str = "body"
    """`body`, or the name of the container it sits in (`address` for the sender's, `recipient`, `signature`,
    `notice`, `meta`, `law`)."""


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Run, ...], ...]
    role: str = "body"


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    role: str = "body"


Block = Heading | Paragraph | ListBlock | Table


@dataclass
class Letter:
    """The blocks in reading order and the footnotes they refer to (numbered from 1)."""

    title: str
    language: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[Run, ...]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What a reviewer should know but that does not stop the letter (customary parts left out)."""

    def text(self) -> str:
        """All the text a reader sees, blocks then notes, one block per line (for checks and tests)."""
        lines = [line for block in self.blocks for line in _lines(block, table_header=True)]
        lines.extend(plain(note) for note in self.notes)
        return "\n".join(lines)

    def statements(self) -> str:
        """What the sender states: no headings, footnotes, table headers, recipient's address or quoted law.

        A notice is checked against its regime on this text, so that a heading such as "The
        infringing material" or the atlas's summary of the law never stands in for the statement itself.
        """
        kept = (b for b in self.blocks if not isinstance(b, Heading) and b.role not in ("law", "recipient"))
        return "\n".join(line for block in kept for line in _lines(block, table_header=False))


def _lines(block: Block, *, table_header: bool) -> list[str]:
    """A block's text, one line per paragraph, heading, list item or table row."""
    if isinstance(block, (Heading, Paragraph)):
        return [plain(block.runs)]
    if isinstance(block, ListBlock):
        return [plain(item) for item in block.items]
    rows = (block.header, *block.rows) if table_header else block.rows
    return [" | ".join(plain(cell) for cell in row) for row in rows]


CONTAINERS = ("address", "recipient", "signature", "notice", "meta", "law")

# Only the syntax the letter templates use: fewer rules make parsing a letter a third faster.
_PARSER = (
    MarkdownIt("zero", {"html": False})
    .enable(["heading", "list", "table", "paragraph", "emphasis", "escape", "newline", "text", "backticks", "link", "autolink"])
    .use(footnote_plugin)
)
for _name in CONTAINERS:
    _PARSER.use(container_plugin, _name)


@dataclass
class _TableRows:
    """A table being read: its rows of cells, the header row first."""

    rows: list[list[tuple[Run, ...]]] = field(default_factory=list)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join("\n" if r.line_break else (f"[{r.note}]" if r.note else r.text) for r in runs)


def parse(markdown: str, title: str, language: str) -> Letter:
    """Read a template's Markdown into a letter. Raw HTML is not interpreted: it stays text."""
    letter = Letter(title, language)
    tokens = _PARSER.parse(markdown)
    role = "body"
    list_stack: list[tuple[bool, list[tuple[Run, ...]]]] = []
    table: _TableRows | None = None
    heading_level = 0
    in_note = False
    note_runs: list[Run] = []
    for token in tokens:
        kind = token.type
        if kind.startswith("container_") and kind.endswith("_open"):
            role = kind.removeprefix("container_").removesuffix("_open")
        elif kind.startswith("container_") and kind.endswith("_close"):
            role = "body"
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_stack.append((kind == "ordered_list_open", []))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordered, items = list_stack.pop()
            letter.blocks.append(ListBlock(ordered, tuple(items), role))
        elif kind == "table_open":
            table = _TableRows()
        elif kind == "tr_open" and table is not None:
            table.rows.append([])
        elif kind == "table_close" and table is not None:
            header, *rows = table.rows
            letter.blocks.append(Table(tuple(header), tuple(tuple(r) for r in rows), role))
            table = None
        elif kind == "footnote_open":
            in_note, note_runs = True, []
        elif kind == "footnote_close":
            letter.notes.append(tuple(note_runs))
            in_note = False
        elif kind == "inline":
            runs = _runs(token.children or [])
            if in_note:
                note_runs.extend(runs)
            elif table is not None:
                table.rows[-1].append(runs)
            elif heading_level:
                letter.blocks.append(Heading(heading_level, runs, role))
                heading_level = 0
            elif list_stack:
                list_stack[-1][1].append(runs)
            else:
                letter.blocks.append(Paragraph(runs, role))
    return letter


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            runs.append(Run(child.content, bold, italic, link=link))
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            link = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            link = None
        elif kind == "footnote_ref":
            runs.append(Run("", note=int(child.meta["id"]) + 1))
        elif kind in ("softbreak",):
            runs.append(Run(" ", bold, italic, link=link))
        elif kind == "hardbreak":
            runs.append(Run("", line_break=True))
    return tuple(runs)
