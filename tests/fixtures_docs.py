"""Build PDF, DOCX, HTML and scanned-PDF documents from the real corpus texts, for tests and benchmarks."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "DejaVuSans"
BOLD_FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
BOLD = "DejaVuSans-Bold"
# Markdown bold ("**Pan**") in the corpus texts stands for what a letter prints in bold: a PDF shows the bold
# glyphs, never the asterisks.
BOLD_MARK = "**"

# A4 in points, with the margins of an ordinary office letter.
PAGE_W, PAGE_H = 595.27, 841.89
MARGIN = 70.0


def corpus_texts(
    folders: tuple[str, ...] = ("seeds", "municipal", "sejm-answers"),
) -> Iterator[tuple[str, str]]:
    """Yield (name, text) for every real text of the corpus, in a stable order."""
    for folder in folders:
        for path in sorted((CORPUS / folder).glob("*.txt")):
            yield f"{folder}/{path.stem}", path.read_text(encoding="utf-8")


def corpus_text(name: str) -> str:
    """Return one corpus text by its name, e.g. "seeds/kalisz-000"."""
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    """Split a text into paragraphs at blank lines, each a list of its lines joined by newlines."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
    if BOLD not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BOLD, str(BOLD_FONT_PATH)))


def _runs(line: str, bold: bool) -> tuple[list[tuple[str, bool]], bool]:
    """The runs of a line between bold marks, each (text, bold), and whether bold goes on into the next line."""
    runs = []
    for k, part in enumerate(line.split(BOLD_MARK)):
        if k:
            bold = not bold
        if part:
            runs.append((part, bold))
    return runs, bold


def _width(line: str, size: float) -> float:
    """The printed width of a line, bold runs in the bold font and without their marks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs, _bold = _runs(line, False)
    return sum(stringWidth(t, BOLD if b else FONT, size) for t, b in runs)


def _split_word(word: str, room: float, size: float) -> tuple[str, str] | None:
    """Split a word with a hyphen so that its head fits in room, as a typesetter would; None when it cannot."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if len(word) < 8 or not word[:-1].isalpha() or word.isupper():
        return None
    for k in range(len(word) - 3, 2, -1):
        head = word[:k] + "-"
        if word[k].islower() and word[k - 1].isalpha() and stringWidth(head, FONT, size) <= room:
            return head, word[k:]
    return None


def _wrap(line: str, width: float, size: float, hyphenate: bool) -> list[str]:

    out: list[str] = []
    current = ""
    words = line.split()
    i = 0
    while i < len(words):
        word = words[i]
        candidate = f"{current} {word}" if current else word
        if _width(candidate, size) <= width:
            current = candidate
            i += 1
            continue
        if hyphenate and current:
            room = width - _width(current + " ", size)
            split = _split_word(word, room, size)
            if split:
                out.append(f"{current} {split[0]}")
                current = ""
                words[i] = split[1]
                continue
        if current:
            out.append(current)
            current = ""
        else:  # a single word wider than the line (a URL): let it overflow rather than loop
            out.append(word)
            i += 1
    if current:
        out.append(current)
    return out or [""]


def layout_pages(
    text: str, size: float = 11, hyphenate: bool = False, header_room: float = 0
) -> list[list[tuple[float, str]]]:
    """Lay a text out on A4 pages: a list of pages, each a list of (y, line); blank lines become a paragraph gap."""
    leading = size * 1.3
    width = PAGE_W - 2 * MARGIN
    top = PAGE_H - MARGIN - header_room
    bottom = MARGIN + header_room
    pages: list[list[tuple[float, str]]] = [[]]
    y = top
    for para in paragraphs(text):
        if pages[-1]:
            y -= leading * 0.8  # the paragraph gap the extractor must see as a blank line
        for source_line in para.split("\n"):
            for line in _wrap(source_line, width, size, hyphenate):
                if y < bottom:
                    pages.append([])
                    y = top
                pages[-1].append((y, line))
                y -= leading
    return pages


def make_pdf(
    text: str,
    path: Path,
    *,
    size: float = 11,
    hyphenate: bool = False,
    letterhead: str | None = None,
    footer: str | None = None,
    page_numbers: str | None = None,
) -> int:
    """Write text as a text-layer PDF (reportlab, DejaVu Sans); return the number of pages.

    letterhead/footer are drawn on every page; page_numbers is a format such as "Strona {n} z {total}" or "- {n} -".
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _register_font()
    room = 30.0 if (letterhead or footer or page_numbers) else 0.0
    pages = layout_pages(text, size, hyphenate, header_room=room)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for n, lines in enumerate(pages, start=1):
        if letterhead:
            c.setFont(FONT, 9)
            c.drawString(MARGIN, PAGE_H - MARGIN + 10, letterhead)
        if footer:
            c.setFont(FONT, 8)
            c.drawString(MARGIN, MARGIN - 20, footer)
        if page_numbers:
            c.setFont(FONT, 8)
            c.drawRightString(PAGE_W - MARGIN, MARGIN - 34, page_numbers.format(n=n, total=len(pages)))
        bold = False
        for y, line in lines:
            runs, bold_after = _runs(line, bold)
            x = MARGIN
            for run, is_bold in runs:
                c.setFont(BOLD if is_bold else FONT, size)
                c.drawString(x, y, run)
                x += stringWidth(run, BOLD if is_bold else FONT, size)
            bold = bold_after  # a bold phrase wrapped over two lines stays bold
        c.showPage()
    c.save()
    return len(pages)


def make_scanned_pdf(text: str, path: Path, *, dpi: int = 200, size: float = 11) -> int:
    """Write text as an image-only PDF, as a scanner would: each page rendered to a grey bitmap, no text layer."""
    import pypdfium2 as pdfium

    buf = io.BytesIO()
    tmp = path.with_suffix(".textlayer.pdf")
    make_pdf(text, tmp, size=size)
    pdf = pdfium.PdfDocument(tmp.read_bytes())
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()
        tmp.unlink()
    images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    path.write_bytes(buf.getvalue())
    return len(images)


def make_docx(text: str, path: Path, *, table_rows: list[list[str]] | None = None, table_at: int = 0) -> None:
    """Write text as a DOCX: one Word paragraph per blank-line paragraph, line breaks kept.

    table_rows, when given, is inserted as a real Word table before paragraph number table_at (body order matters).
    """
    import docx

    doc = docx.Document()
    paras = paragraphs(text)
    for i, para in enumerate([*paras, None]):
        if table_rows and i == table_at:
            table = doc.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
            for r, row in enumerate(table_rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        if para is None:
            break
        p = doc.add_paragraph()
        for j, line in enumerate(para.split("\n")):
            run = p.add_run(line.rstrip())
            if j < para.count("\n"):
                run.add_break()
    doc.save(str(path))


_BIP_TEMPLATE = """<!DOCTYPE html>
<html lang="pl"><head><meta charset="{charset}"><title>{title} - Biuletyn Informacji Publicznej</title>
<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>
<style>body {{ font-family: sans-serif }} .menu li {{ display: inline }}</style></head>
<body>
<div id="cookie-info" class="cookies-banner">Ta strona używa plików cookies. <a href="#">Akceptuję pliki cookies</a></div>
<a class="skip-link" href="#tresc">Przejdź do treści</a>
<div class="wcag-toolbar">zmień kontrast powiększ czcionkę pomniejsz czcionkę</div>
<header><img src="herb.png" alt="Herb gminy"><h2>Biuletyn Informacji Publicznej Urzędu Miasta</h2></header>
<nav id="menu-glowne"><ul><li><a href="/">Strona główna</a></li><li><a href="/rada">Rada Miasta</a></li>
<li><a href="/uchwaly">Uchwały Rady</a></li><li><a href="/przetargi">Zamówienia publiczne</a></li></ul></nav>
<div class="breadcrumbs"><a href="/">BIP</a> &gt; <a href="/rada">Rada Miasta</a> &gt; Interpelacje</div>
<main id="tresc"><article class="artykul">
<h1>{title}</h1>
{body}
<table class="metryczka"><tr><th>Wytworzył:</th><td>Biuro Rady Miasta</td></tr>
<tr><th>Data wytworzenia:</th><td>2025-07-14</td></tr></table>
</article></main>
<aside class="sidebar"><h3>Najnowsze interpelacje i zapytania</h3><ul>
<li><a href="/i/1">Remontu chodnika przy ul. Polnej</a></li><li><a href="/i/2">Oświetlenia przejścia dla pieszych</a></li>
<li><a href="/i/3">Rozkładu jazdy linii nr 12</a></li></ul></aside>
<footer><p>Urząd Miasta, ul. Główna 1 – BIP redaguje Biuro Rady</p>
<div class="licznik">Liczba odwiedzin: 123456</div></footer>
<script src="/js/app.js"></script><script>document.getElementById('menu-glowne');</script>
</body></html>
"""

# eSesja-like: no semantic HTML5 elements, only divs whose classes say what they are.
_ESESJA_TEMPLATE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title><script type="text/javascript">window.dataLayer = [];</script></head>
<body><div class="page">
<div id="rodo-popup" class="modal-cookies">Korzystamy z plików cookie. <button>Zgadzam się na cookies</button></div>
<div class="top-bar"><div class="accessibility">zmień kontrast powiększ czcionkę uproszczona wersja</div></div>
<div id="menu" class="main-menu"><div><a href="/sesje">Sesje</a></div><div><a href="/komisje">Komisje</a></div>
<div><a href="/radni">Radni</a></div><div><a href="/interpelacje">Interpelacje i zapytania</a></div></div>
<div class="row"><div class="col-left content-main"><div class="interpellation-view">
<div class="title">{title}</div>
{body}
</div></div>
<div class="col-right side-panel"><div class="box-header">Najnowsze interpelacje i zapytania</div>
<div class="item"><a href="/i/11">Bieżni lekkoatletycznej przy ul. Długosza.</a></div>
<div class="item"><a href="/i/12">Skrzyżowania przy markecie Castorama.</a></div>
<div class="item"><a href="/i/13">Utrzymania porządku przy ul. Zjazd.</a></div></div></div>
<div class="stopka">Copyright © eSesja.pl Wszelkie prawa zastrzeżone</div>
</div><noscript>Włącz obsługę JavaScript</noscript></body></html>
"""

# Strings of the page chrome above: none of them may survive extraction.
HTML_CHROME = (
    "Akceptuję pliki cookies",
    "Zgadzam się na cookies",
    "Przejdź do treści",
    "zmień kontrast",
    "Strona główna",
    "Zamówienia publiczne",
    "Remontu chodnika przy ul. Polnej",
    "Skrzyżowania przy markecie Castorama",
    "Liczba odwiedzin",
    "Wszelkie prawa zastrzeżone",
    "trackPageView",
    "dataLayer",
    "font-family",
    "Włącz obsługę JavaScript",
)


def make_html(
    text: str, path: Path, *, flavour: str = "bip", charset: str = "utf-8", title: str = "Interpelacja"
) -> None:
    """Write text as a BIP ("bip") or eSesja ("esesja") page with its chrome: cookies, menus, sidebar, footer, counter."""
    body = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs(text)
    )
    template = _BIP_TEMPLATE if flavour == "bip" else _ESESJA_TEMPLATE
    page = template.format(charset=charset, title=html.escape(title), body=body)
    path.write_bytes(page.encode(charset, "xmlcharrefreplace"))
