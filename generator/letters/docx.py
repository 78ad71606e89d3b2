"""Letters as Word documents: the fixed parts prepared once with python-docx, the body per letter.

`DocxWriter` opens the base document (a lean copy of python-docx's default template, or the
user's letterhead, whose styles, header and footer are kept) once: it makes sure the styles a
letter uses exist, adds a footnotes part and, without a letterhead, a page-number footer, and
keeps every part as bytes. Each letter then only needs its own `document.xml`, `numbering.xml`
(one numbering instance per list, so each list restarts at 1) and `footnotes.xml`, built from
the letter's block tree, not by patching text.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from generator.letters.document import Heading, Letter, ListBlock, Paragraph, Run, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT_OPEN = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'

_STYLES = {  # name: (type, size in points, bold, italic)
    "Heading 1": (WD_STYLE_TYPE.PARAGRAPH, 14, True, False),
    "Heading 2": (WD_STYLE_TYPE.PARAGRAPH, 12, True, False),
    "Heading 3": (WD_STYLE_TYPE.PARAGRAPH, 11, True, False),
    "List Paragraph": (WD_STYLE_TYPE.PARAGRAPH, None, False, False),
    "Footnote Text": (WD_STYLE_TYPE.PARAGRAPH, 9, False, False),
    "Footnote Reference": (WD_STYLE_TYPE.CHARACTER, None, False, False),
    "Signature": (WD_STYLE_TYPE.PARAGRAPH, None, False, False),
    "Letter Notice": (WD_STYLE_TYPE.PARAGRAPH, 8, False, True),
    "Table Grid": (WD_STYLE_TYPE.TABLE, None, False, False),
}
_KEEP_IN_LEAN_BASE = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Footer", "Header", "Title", *_STYLES}
_DROP_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")
_ABSTRACT_DECIMAL, _ABSTRACT_BULLET = 9001, 9002


@dataclass(frozen=True)
class _Base:
    parts: dict[str, bytes]
    section: str
    numbering: etree._Element
    first_num: int
    """Numbering instances of the base keep their ids; a letter's lists are numbered from here."""
    style_ids: dict[str, str]


def _lean(document: object) -> None:
    """Drop the styles a letter never uses: most of the default template's weight is style XML."""
    styles = document.styles.element  # type: ignore[attr-defined]
    keep = {name.lower() for name in _KEEP_IN_LEAN_BASE}  # built-in names are stored in lower case
    for style in list(styles.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val"), "").lower() not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _ensure_styles(document: object) -> dict[str, str]:
    """Add any style a letter uses that the base lacks; return style name to style id."""
    styles = document.styles  # type: ignore[attr-defined]
    ids: dict[str, str] = {}
    for name, (kind, size, bold, italic) in _STYLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, kind)
            if kind == WD_STYLE_TYPE.PARAGRAPH:
                style.base_style = styles["Normal"]
            if size and kind != WD_STYLE_TYPE.TABLE:
                style.font.size = Pt(size)
            if kind != WD_STYLE_TYPE.TABLE:
                style.font.bold = bold or None
                style.font.italic = italic or None
            if name == "Footnote Reference":
                style.font.superscript = True
        ids[name] = style.style_id
    return ids


def _page_number_footer(document: object) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footnote_settings(document: object) -> None:
    """Word expects settings to name the separator footnotes."""
    settings = document.settings.element  # type: ignore[attr-defined]
    if settings.find(qn("w:footnotePr")) is None:
        footnote_pr = OxmlElement("w:footnotePr")
        for ident in ("-1", "0"):
            note = OxmlElement("w:footnote")
            note.set(qn("w:id"), ident)
            footnote_pr.append(note)
        # The schema orders settings' children: footnotePr comes just before compat, docVars and rsids.
        following = next((settings.find(qn(f"w:{name}")) for name in ("compat", "docVars", "rsids") if settings.find(qn(f"w:{name}")) is not None), None)
        if following is not None:
            following.addprevious(footnote_pr)
        else:
            settings.append(footnote_pr)


def _abstract(ident: int, bullet: bool) -> etree._Element:
    fmt, text = ("bullet", "\u2022") if bullet else ("decimal", "%1.")
    return etree.fromstring(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{ident}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )


def prepare_base(letterhead: Path | None) -> _Base:
    """Everything of the document that does not change from letter to letter, as bytes."""
    document = Document(str(letterhead)) if letterhead else Document()
    if letterhead is None:
        _lean(document)
        _page_number_footer(document)
        document.core_properties.author = "Rights Atlas"
        document.core_properties.title = ""
    style_ids = _ensure_styles(document)
    _footnote_settings(document)
    numbering = deepcopy(document.part.numbering_part.element)
    document.part.relate_to(Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", document.part.package), RT.FOOTNOTES)
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist() if not name.startswith(_DROP_PARTS)}
    for name in ("word/document.xml", "word/numbering.xml", "word/footnotes.xml"):
        parts.pop(name, None)
    last_abstract = list(numbering.iterchildren(qn("w:abstractNum")))
    anchor = last_abstract[-1] if last_abstract else None
    for abstract in (_abstract(_ABSTRACT_DECIMAL, False), _abstract(_ABSTRACT_BULLET, True)):
        if anchor is None:
            numbering.insert(0, abstract)
        else:
            anchor.addnext(abstract)
        anchor = abstract
    parts["[Content_Types].xml"] = _without_dropped_overrides(parts["[Content_Types].xml"])
    parts["word/_rels/document.xml.rels"] = _without_dropped_relationships(parts["word/_rels/document.xml.rels"])
    parts["_rels/.rels"] = _without_dropped_relationships(parts["_rels/.rels"])
    used = [int(n.get(qn("w:numId"))) for n in numbering.iterchildren(qn("w:num"))]
    section_xml = etree.tostring(section, encoding="unicode") if section is not None else ""
    return _Base(parts, section_xml, numbering, max(used, default=0) + 1, style_ids)


def _without_dropped_overrides(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for child in list(root):
        if any(child.get("PartName", "").lstrip("/").startswith(p) for p in _DROP_PARTS):
            root.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_dropped_relationships(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for child in list(root):
        target = child.get("Target", "").lstrip("/")
        if any(target.startswith(p) or f"word/{target}".startswith(p) or target.startswith("../" + p) for p in _DROP_PARTS):
            root.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class DocxWriter:
    """Writes letters as .docx bytes; create one per base document and reuse it."""

    def __init__(self, letterhead: Path | None = None) -> None:
        self.base = prepare_base(letterhead)
        self.styles = self.base.style_ids

    def write(self, letter: Letter) -> bytes:
        lists: list[bool] = []
        body = "".join(self._block(block, letter.language, lists) for block in letter.blocks)
        document = f"{_ROOT_OPEN}{body}{self.base.section}</w:body></w:document>"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
            for name, data in self.base.parts.items():
                package.writestr(name, data)
            package.writestr("word/document.xml", document)
            package.writestr("word/numbering.xml", self._numbering(lists))
            package.writestr("word/footnotes.xml", self._footnotes(letter.notes))
        return buffer.getvalue()

    # Blocks ---------------------------------------------------------------------------------
    def _block(self, block: object, language: str, lists: list[bool]) -> str:
        if isinstance(block, Heading):
            return self._paragraph(block.runs, style=self.styles[f"Heading {min(block.level, 3)}"], keep_next=True)
        if isinstance(block, Paragraph):
            return self._role_paragraph(block, language)
        if isinstance(block, ListBlock):
            lists.append(block.ordered)
            number = self.base.first_num + len(lists) - 1
            return "".join(self._paragraph(item, style=self.styles["List Paragraph"], numbering=number) for item in block.items)
        if isinstance(block, Table):
            return self._table(block)
        raise TypeError(f"unknown block {block!r}")

    def _role_paragraph(self, block: Paragraph, language: str) -> str:
        align_right = language == "ja" and block.role in ("meta", "signature")
        if block.role == "signature":
            return self._paragraph(block.runs, style=self.styles["Signature"], keep_next=True, right=align_right, space_before=240)
        if block.role == "notice":
            return self._paragraph(block.runs, style=self.styles["Letter Notice"], space_before=360)
        return self._paragraph(block.runs, right=align_right)

    def _paragraph(self, runs: tuple[Run, ...], *, style: str | None = None, numbering: int | None = None,
                   keep_next: bool = False, right: bool = False, space_before: int | None = None) -> str:
        properties = ""
        if style:
            properties += f'<w:pStyle w:val={quoteattr(style)}/>'
        if keep_next:
            properties += "<w:keepNext/><w:keepLines/>"
        if numbering is not None:
            properties += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbering}"/></w:numPr>'
        if space_before is not None:
            properties += f'<w:spacing w:before="{space_before}"/>'
        if right:
            properties += '<w:jc w:val="right"/>'
        return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{self._runs(runs)}</w:p>"

    def _runs(self, runs: tuple[Run, ...]) -> str:
        out = []
        for run in runs:
            if run.line_break:
                out.append("<w:r><w:br/></w:r>")
            elif run.note:
                out.append(f'<w:r><w:rPr><w:rStyle w:val="{self.styles["Footnote Reference"]}"/></w:rPr><w:footnoteReference w:id="{run.note}"/></w:r>')
            elif run.text:
                style = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
                out.append(f'<w:r>{f"<w:rPr>{style}</w:rPr>" if style else ""}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>')
        return "".join(out)

    def _table(self, table: Table) -> str:
        columns = max(len(table.header), *(len(r) for r in table.rows)) if table.rows else len(table.header)
        grid = "".join(f'<w:gridCol w:w="{9000 // max(columns, 1)}"/>' for _ in range(columns))

        def row(cells: tuple[tuple[Run, ...], ...], header: bool) -> str:
            properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
            body = "".join(f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>{self._paragraph(c)}</w:tc>' for c in cells)
            return f"<w:tr>{properties}{body}</w:tr>"

        header = row(tuple(tuple(Run(r.text, bold=True) for r in cell) for cell in table.header), True)
        rows = "".join(row(r, False) for r in table.rows)
        properties = f'<w:tblPr><w:tblStyle w:val="{self.styles["Table Grid"]}"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>'
        return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{header}{rows}</w:tbl>"

    # Per-letter parts -----------------------------------------------------------------------
    def _numbering(self, lists: list[bool]) -> bytes:
        numbering = deepcopy(self.base.numbering)
        for number, ordered in enumerate(lists, start=self.base.first_num):
            abstract = _ABSTRACT_DECIMAL if ordered else _ABSTRACT_BULLET
            numbering.append(etree.fromstring(
                f'<w:num xmlns:w="{W}" w:numId="{number}"><w:abstractNumId w:val="{abstract}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            ))
        return etree.tostring(numbering, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _footnotes(self, notes: list[tuple[Run, ...]]) -> str:
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        )
        reference = f'<w:r><w:rPr><w:rStyle w:val="{self.styles["Footnote Reference"]}"/></w:rPr><w:footnoteRef/></w:r>'
        bodies = "".join(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{self.styles["Footnote Text"]}"/></w:pPr>'
            f'{reference}<w:r><w:t xml:space="preserve"> </w:t></w:r>{self._runs(note)}</w:p></w:footnote>'
            for number, note in enumerate(notes, start=1)
        )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{separators}{bodies}</w:footnotes>'
