"""Letters as standalone HTML (with print CSS), and PDF through WeasyPrint."""

from __future__ import annotations

from html import escape

from generator.letters.document import Heading, Letter, ListBlock, Paragraph, Run, Table

_CSS = """
@page { size: A4; margin: 25mm 22mm 22mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "Noto Serif", "Noto Serif CJK JP", "Noto Sans CJK JP", "Hiragino Mincho ProN", "Yu Mincho", serif;
       font-size: 11pt; line-height: 1.5; max-width: 46em; margin: 2em auto; color: #111; }
h1 { font-size: 14pt; margin: 1.2em 0 0.6em; } h2 { font-size: 12pt; margin: 1.2em 0 0.4em; } h3 { font-size: 11pt; }
h1, h2, h3 { break-after: avoid; }
.address, .recipient, .meta { margin: 0 0 1em; } :lang(ja) .meta, :lang(ja) .signature { text-align: right; }
.signature { margin-top: 2em; break-inside: avoid; }
.notice { font-size: 8pt; font-style: italic; color: #444; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { border: 1px solid #666; padding: 3pt 5pt; text-align: left; vertical-align: top; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.notes { font-size: 8.5pt; border-top: 1px solid #999; margin-top: 2em; padding-top: 0.5em; word-break: break-all; }
sup a { text-decoration: none; }
@media print { body { margin: 0; max-width: none; } }
"""


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        if run.line_break:
            out.append("<br>")
        elif run.note:
            out.append(f'<sup id="ref-{run.note}"><a href="#note-{run.note}">{run.note}</a></sup>')
        elif run.text:
            text = escape(run.text)
            text = f"<strong>{text}</strong>" if run.bold else text
            out.append(f"<em>{text}</em>" if run.italic else text)
    return "".join(out)


def to_html(letter: Letter) -> str:
    """The whole letter as one HTML file that needs nothing else to display or print."""
    body: list[str] = []
    for block in letter.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 3)
            body.append(f"<h{level}>{_runs(block.runs)}</h{level}>")
        elif isinstance(block, Paragraph):
            css = "" if block.role == "body" else f' class="{block.role}"'
            body.append(f"<p{css}>{_runs(block.runs)}</p>")
        elif isinstance(block, ListBlock):
            tag = "ol" if block.ordered else "ul"
            body.append(f"<{tag}>" + "".join(f"<li>{_runs(item)}</li>" for item in block.items) + f"</{tag}>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{_runs(cell)}</th>" for cell in block.header)
            rows = "".join("<tr>" + "".join(f"<td>{_runs(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    if letter.notes:
        notes = "".join(f'<li id="note-{i}">{_runs(note)} <a href="#ref-{i}" aria-label="back">↩</a></li>' for i, note in enumerate(letter.notes, 1))
        body.append(f'<section class="notes"><ol>{notes}</ol></section>')
    return (
        f'<!DOCTYPE html>\n<html lang="{letter.language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(letter.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def to_pdf(html: str) -> bytes:
    """Typeset the HTML with WeasyPrint; Japanese uses the Noto CJK fonts (Debian: fonts-noto-cjk)."""
    from weasyprint import HTML  # imported here: it is slow to import and only PDF needs it

    return HTML(string=html).write_pdf()
