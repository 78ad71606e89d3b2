"""Render the site's generated pages from the atlas: path within docs/ to Markdown text."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from generator.data.load import Atlas

GENERATED = "atlas"
"""The git-ignored folder under docs/ that holds the generated pages."""


def text(value: object) -> str:
    """Data text made safe for Markdown: HTML escaped, on one line, table pipes escaped.

    >>> text("<script>alert(1)</script> a | b")
    '&lt;script&gt;alert(1)&lt;/script&gt; a \\\\| b'
    """
    return str(escape(" ".join(str(value).split()))).replace("|", "\\|")


def link(url: str) -> str:
    """A URL safe inside a Markdown link target.

    >>> link("https://en.wikipedia.org/wiki/Fair_use_(US)")
    'https://en.wikipedia.org/wiki/Fair_use_%28US%29'
    """
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E").replace('"', "%22")


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["text"] = text
    env.filters["link"] = link
    return env


def render_pages(atlas: Atlas, templates: Path) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    env = environment(templates)
    questions = atlas.questions
    jurisdictions = [atlas.jurisdictions[c] for c in sorted(atlas.jurisdictions, key=lambda c: atlas.jurisdictions[c].name)]
    pages = {
        f"{GENERATED}/index.md": env.get_template("jurisdictions.md.j2").render(jurisdictions=jurisdictions, questions=questions),
    }
    for jurisdiction in jurisdictions:
        pages[f"{GENERATED}/{jurisdiction.code.lower()}.md"] = env.get_template("jurisdiction.md.j2").render(
            j=jurisdiction, questions=questions, instruments={i.id: i for i in jurisdiction.instruments}
        )
    return pages
