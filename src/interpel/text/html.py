"""The document inside a BIP or eSesja page: keep its text, drop the page's menus, banners, sidebars and counters."""

from __future__ import annotations

import re

import lxml.etree as etree
import lxml.html

from interpel.errors import DocumentUnreadable
from interpel.text.sniff import decode_text

# Elements that never carry the document's text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "form",
    "button", "select", "input", "textarea", "nav", "aside", "footer", "dialog", "head",
)  # fmt: skip
_DROP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
}
# Class and id words of page chrome, seen on BIP (Oświęcim, Szczecin, Gryfino) and eSesja (Kalisz) pages.
_CHROME = re.compile(
    r"cookie|rodo|consent|gdpr|(?:^|[-_ ])(?:main-?)?menu|(?:^|[-_ ])nav|sidebar|side-?panel|breadcrumb|footer|stopka"
    r"|licznik|counter|odwiedz|visits|wcag|accessib|dostepn|kontrast|contrast|skip|share|social|(?:^|[-_ ])banner"
    r"|search|szukaj|wyszuk|popup|modal|toolbar|top-?bar|(?:^|[-_ ])header|naglowek|najnowsze|related|pagination",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"(?:^|[-_ ])(?:content|tresc|main|article|artykul|document|dokument)", re.IGNORECASE)
_BLOCK = {
    "p", "div", "section", "article", "main", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3",
    "h4", "h5", "h6", "address", "figure", "figcaption", "center", "hr",
}  # fmt: skip
_PARAGRAPH = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "address",
}
_LINE = {"li", "tr", "dt", "dd", "br", "caption"}
_CELL = {"td", "th"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode an HTML page by its BOM, its meta charset, else as a Polish text file."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii", "ignore").lower()
        if name in ("iso-8859-2", "iso8859-2", "latin2", "windows-1250", "cp1250", "x-cp1250"):
            # Polish pages mix these two up in their declarations: let the letters decide.
            return decode_text(data)[0]
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a page that lies about its charset is common enough: detect instead
    return decode_text(data)[0]


def _text_len(el: etree._Element) -> int:
    return len("".join(el.itertext()).strip())


def _is_hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    # Keep the text that follows the element inside its parent (lxml stores it on the element as tail).
    tail = el.tail
    prev = el.getprevious()
    if tail and tail.strip():
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _strip_chrome(body: etree._Element) -> None:
    total = max(_text_len(body), 1)
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments and processing instructions
            continue
        tag = el.tag.lower()
        names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
        chrome = (
            tag in _DROP_TAGS
            or (el.get("role") or "").lower() in _DROP_ROLES
            or _is_hidden(el)
            or (tag == "header" and not _inside(el, ("article", "main")))
            or bool(names and _CHROME.search(names))
        )
        # A wrapper named like chrome but holding most of the page ("page-with-sidebar") is not chrome.
        if chrome and (tag in _DROP_TAGS or _text_len(el) < total / 2):
            doomed.append(el)
    for el in doomed:
        _drop(el)
    _drop_link_lists(body, total)


def _inside(el: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(isinstance(a.tag, str) and a.tag.lower() in tags for a in el.iterancestors())


def _drop_link_lists(body: etree._Element, total: int) -> None:
    """Drop lists made mostly of links (menus, "latest interpellations" boxes) that carry no telling class."""
    doomed = []
    for el in body.iter("ul", "ol", "div", "table", "section", "p"):
        links = el.findall(".//a")
        if len(links) < 3:
            continue
        text = _text_len(el)
        linked = sum(len("".join(a.itertext()).strip()) for a in links)
        if text and linked / text > 0.7 and text < total / 2:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _drop(el)


def _content_root(body: etree._Element) -> etree._Element:
    """The element that holds the document: <main>, role=main, <article> or a div named content/treść."""
    candidates = [el for el in body.iter("main", "article") if isinstance(el.tag, str)]
    candidates += [
        el for el in body.iter() if isinstance(el.tag, str) and (el.get("role") or "").lower() == "main"
    ]
    if not candidates:
        candidates = [
            el
            for el in body.iter("div", "section", "td")
            if _CONTENT.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        ]
    total = _text_len(body)
    best = max(candidates, key=_text_len, default=None)
    # A content box with only a fraction of the page's text is a teaser, not the document.
    if best is None or _text_len(best) < 0.3 * total:
        return body
    return best


def _render(el: etree._Element, out: list[str], pre: bool = False) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    pre = pre or tag == "pre"
    if tag in _PARAGRAPH:
        out.append("\n\n")
    elif tag in _BLOCK or tag in _LINE:
        out.append("\n")
    if el.text:
        out.append(el.text if pre else re.sub(r"\s+", " ", el.text))
    for child in el:
        _render(child, out, pre)
        if child.tail:
            out.append(child.tail if pre else re.sub(r"\s+", " ", child.tail))
    if tag in _PARAGRAPH:
        out.append("\n\n")
    elif tag in _BLOCK or tag in ("li", "tr", "dt", "dd", "caption"):
        out.append("\n")
    elif tag in _CELL:
        out.append(" ")


def html_to_text(data: bytes) -> str:
    """The document text of an HTML page, paragraphs separated by blank lines."""
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_html(data))
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        doc = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise DocumentUnreadable(f"nieczytelna strona HTML (unreadable HTML: {e})") from e
    body = doc.find("body")
    if body is None:
        body = doc
    # The first h1 outside the page header: the site's name is often an h1 too.
    h1 = next((h for h in body.iter("h1") if not _inside(h, ("header", "nav"))), None)
    title = " ".join("".join(h1.itertext()).split()) if h1 is not None else ""
    _strip_chrome(body)
    out: list[str] = []
    _render(_content_root(body), out)
    text = "".join(out).replace("\xa0", " ")
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]{2,}", " ", text)).strip()
    if title and title not in " ".join(text.split()):
        # The title (number and subject of an interpellation) often sits in a page header above the content.
        text = f"{title}\n\n{text}"
    return text
