"""Clean the page-by-page text of a PDF or of OCR into running text the parser can read.

Rules, each met in real documents: words hyphenated across line ends are joined; a letterhead or footer line
repeated on every page and page numbers are removed; a sentence broken by a page break is joined; paragraph
breaks (blank lines) are kept because the parser splits documents and finds bodies by them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

LOWER = "a-ząćęłńóśźżäöüéèáíúýčřšžěůđ"
# How many non-blank lines at the top and at the bottom of a page can belong to a letterhead or a footer:
# the ministries' letterheads in the Sejm answers run to four lines.
ZONE = 4

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:strona|str\.?|s\.|page)\s*\d{1,4}(?:\s*(?:z|ze|/|of|na)\s*\d{1,4})?   # Strona 2 z 5, str. 2, Page 2 of 5
      | [-–—]\s*\d{1,4}\s*[-–—]                                                # - 2 -
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# "2/5" and "2 z 5" could be a sign or a count in the text: page numbers only at a page's edge, and only if
# they can be one (N ≤ M).
_N_OF_M = re.compile(r"^(\d{1,4})\s*(?:/|z|of)\s*(\d{1,4})$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,4}\.?$")
_SENTENCE_END = re.compile(r"[.!?:;…]['\"”’»)\]]*$")
# Prepositions, conjunctions and particles: a line ending in one of them has not ended its sentence.
_NEVER_LAST = {
    "a", "aby", "albo", "ale", "bez", "bo", "by", "czy", "dla", "do", "gdy", "i", "iż", "jak", "jako",
    "jednak", "ku", "lecz", "lub", "na", "nad", "niż", "o", "od", "oraz", "po", "pod", "przed", "przez",
    "przy", "się", "u", "w", "we", "według", "wraz", "z", "za", "ze", "że",
}  # fmt: skip
# A salutation ends with a comma but is a paragraph of its own: "Szanowny Panie Prezydencie,".
_SALUTATION = re.compile(r"^(?:Wielce\s+)?(?:Szanown\w*|Sz\.\s*P\w*)\b.{0,60},$")
# pdfium reports a hyphen it found at a line end as U+FFFE (or U+0002) and pulls the rest of the word up;
# a soft hyphen (U+00AD) is the same promise from a word processor.
_SOFT_HYPHENS = re.compile("[\ufffe\u0002\u00ad]")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_COMPOUND = re.compile(rf"[\w]+-[{LOWER}]+")
# Stands for a wrapped line's end until hyphens are joined, then becomes a space: a PDF's line ends are the
# typesetter's, not the writer's, and a field the writer put on one line ("Odpowiadający: … Anita Sowińska",
# "(znak … przez: …)") must reach the parser on one line.
WRAP = "\u2028"
_HYPHEN_BREAK = re.compile(
    rf"([{LOWER}])[-\u2010][ \t]*([\n{WRAP}])[ \t]*([{LOWER}][^\s{WRAP}]*)([ \t]*[\n{WRAP}]|[ \t]+|$)"
)


# Lines a writer always starts anew, however full the line before them: a salutation, a labelled header field
# ("Temat: …", "Dotyczy: …", "Znak sprawy: …" in the ministries' answers) and an item of a numbered or bulleted
# list (the questions an answer takes one by one).
_STARTS_LINE = re.compile(
    r"^(?:(?:Wielce\s+)?(?:Szanown\w*|Sz\.\s*P\w*)\s.{0,60},$"
    r"|(?:[A-ZĄĆĘŁŃÓŚŹŻ]\w{2,}|(?:Nasz|Wasz)\s+znak|Znak\s+sprawy)\s*:\s"
    r"|(?:\d{1,2}|[a-z]|[IVX]{1,4})[.)]\s|[-–•▪●*]\s)"
)


def starts_line(text: str) -> bool:
    """True for a line that cannot be the continuation of a wrapped line (see _STARTS_LINE)."""
    return bool(_STARTS_LINE.match(text.strip()))


@dataclass(frozen=True)
class Line:
    """One line of a page; y is its height on the page (larger is higher), None when the layout is unknown."""

    text: str
    y: float | None = None
    # The line was wrapped by the word processor: it goes on in the next line of the same paragraph.
    wraps: bool = False


def normalise_line(text: str) -> str:
    """Turn the extractor's hyphen marks, ligatures and decomposed letters into plain text."""
    text = unicodedata.normalize("NFC", text.translate(_LIGATURES))

    def hyphen(m: re.Match[str]) -> str:
        if m.end() == len(text):
            return (
                "-"  # a promise of a join at the line end: join_hyphens decides, with the whole text in view
            )
        if m.group() == "\u00ad":
            return ""  # an invisible soft hyphen inside a line
        # pdfium pulled the next line up after a line-end hyphen: put the break back for join_hyphens.
        return "-\n"

    return _SOFT_HYPHENS.sub(hyphen, text).rstrip()


def _key(text: str) -> str:
    """The form under which a running header or footer repeats: case, digits and spacing do not count."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _zones(page: Sequence[Line]) -> tuple[list[int], list[int]]:
    """Indexes of the top and bottom ZONE non-blank lines, by position when known, else by order."""
    idx = [i for i, line in enumerate(page) if line.text.strip()]
    if idx and all(page[i].y is not None for i in idx):
        idx.sort(key=lambda i: -(page[i].y or 0.0))
    # A short page (the last one, with the signature) gets narrower zones, so they do not meet in its body.
    size = min(ZONE, max(1, len(idx) // 3))
    return idx[:size], idx[-size:] if len(idx) > size else []


def _is_page_number(text: str, extreme: bool, pages: int) -> bool:
    t = text.strip()
    if _PAGE_NUMBER.match(t):
        return True
    if not extreme:
        return False
    m = _N_OF_M.match(t)
    if m:
        return 1 <= int(m.group(1)) <= int(m.group(2)) <= pages + 2
    # A bare number likewise, and only if it could be one.
    return bool(_BARE_NUMBER.match(t)) and 1 <= int(t.rstrip(".")) <= pages + 2


def _positions(page: Sequence[Line], top: list[int], bottom: list[int]) -> dict[int, tuple[str, str, float]]:
    """For each zone line: (side, key, position); position is y when known, else the rank from the page edge."""
    out: dict[int, tuple[str, str, float]] = {}
    for side, idx in (("top", top), ("bottom", bottom[::-1])):
        for rank, i in enumerate(idx):
            y = page[i].y
            out.setdefault(i, (side, _key(page[i].text), float(rank) if y is None else y))
    return out


def strip_running_lines(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Remove page numbers and lines repeated at the same place in the header or footer of (nearly) every page.

    The same place matters: a short last page has the signature in its bottom lines, and the signatory's name
    may also stand at the top of the first page. The first occurrence of a repeated letterhead is kept: on the
    first page it is the sender's letterhead, which the parser may read; every later copy is noise between
    two halves of the body.
    """
    n = len(pages)
    zones = [_zones(p) for p in pages]
    places = [_positions(p, top, bottom) for p, (top, bottom) in zip(pages, zones, strict=True)]
    seen: dict[tuple[str, str], list[float]] = {}
    for place in places:
        for side, key, pos in {(s, k, p) for s, k, p in place.values()}:
            seen.setdefault((side, key), []).append(pos)
    # "Every page", allowing the first page of a long letter its own letterhead instead of the running one.
    needed = n if n <= 2 else n - 1
    anchors: dict[tuple[str, str], float] = {}
    for (side, key), positions in seen.items():
        if n < 2 or len(positions) < needed or len(key.replace("#", "").strip()) < 3:
            continue
        tol = 1.0 if all(p.is_integer() and p < ZONE for p in positions) else 6.0
        best = max(positions, key=lambda a: sum(abs(a - b) <= tol for b in positions))
        if sum(abs(best - b) <= tol for b in positions) >= needed:
            anchors[(side, key)] = best

    kept_header: set[str] = set()
    out: list[list[Line]] = []
    for page, (top, bottom), place in zip(pages, zones, places, strict=True):
        drop: set[int] = set()
        extremes = {top[0], bottom[-1]} if top and bottom else set(top[:1])
        for i, (side, key, pos) in place.items():
            anchor = anchors.get((side, key))
            if _is_page_number(page[i].text, i in extremes, n):
                drop.add(i)
            elif anchor is not None and abs(anchor - pos) <= 6.0:
                if side == "top" and key not in kept_header:
                    kept_header.add(key)
                else:
                    drop.add(i)
        out.append([line for i, line in enumerate(page) if i not in drop])
    return out


def _page_text(page: Sequence[Line]) -> str:
    text = ""
    for i, line in enumerate(page):
        wraps = line.wraps and i + 1 < len(page) and bool(page[i + 1].text.strip())
        text += line.text.rstrip() + (WRAP if wraps else "\n")
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text).strip("\n")


def join_pages(texts: Sequence[str]) -> str:
    """Join page texts: a sentence running over a page break stays one paragraph, otherwise a blank line."""
    out = ""
    for text in texts:
        if not text.strip():
            continue
        if not out:
            out = text
            continue
        last = out.rstrip().rsplit("\n", 1)[-1].strip()
        first = text.lstrip()[:1]
        # A page that stops mid-sentence goes on in the next page's first line: certainly after a comma, a hyphen
        # or a word that cannot end a sentence ("Stany Zjednoczone oraz" / "Chiny."), else only when the next
        # page starts in lower case (a heading or a signature at a page's foot has no full stop either).
        tail = last.rsplit(None, 1)[-1].lower() if last else ""
        mid_sentence = not _SENTENCE_END.search(last) and not _SALUTATION.match(last)
        if (
            first
            and mid_sentence
            and (tail in _NEVER_LAST or last.endswith((",", "-")) or first.islower() or first.isdigit())
        ):
            out = out.rstrip() + "\n" + text.lstrip()
        else:
            out = out.rstrip() + "\n\n" + text.lstrip()
    return out


def join_hyphens(text: str) -> str:
    """Join words split across a line end: "przed-\nsiębiorstwo ma" becomes "przedsiębiorstwo\nma".

    Only a lower-case letter before the hyphen and after the break counts: "MRPiPS-\n01" and
    "Curie-\nSkłodowska" keep their hyphen, and so do URLs. A real compound split at its hyphen
    ("high-\ntech") keeps it only when the document writes it with a hyphen elsewhere.
    """
    compounds = {m.group().lower() for m in _COMPOUND.finditer(text)}

    def repl(m: re.Match[str]) -> str:
        head = text[: m.start(1) + 1].rsplit(None, 1)[-1]
        if any(c in head for c in "/@_:") or "www." in head:
            return m.group()  # a URL or an e-mail address broken at one of its own hyphens
        word = (head + "-" + m.group(3)).lower().rstrip(".,;:!?)»”'\"")
        hyphen = "-" if word in compounds else ""
        tail = m.group(4)
        if tail == "" or "\n" in tail or WRAP in tail or m.group(2) == WRAP:
            return m.group(1) + hyphen + m.group(3) + tail  # a wrapped line: the line goes on after the word
        return m.group(1) + hyphen + m.group(3) + "\n"

    return _HYPHEN_BREAK.sub(repl, text)


def clean_pages(pages: Sequence[Sequence[Line]]) -> str:
    """The whole clean-up: normalise lines, drop running headers, footers and page numbers, join pages and hyphens."""
    normalised = [[Line(normalise_line(line.text), line.y, line.wraps) for line in page] for page in pages]
    stripped = strip_running_lines(normalised)
    text = join_hyphens(join_pages([_page_text(p) for p in stripped])).replace(WRAP, " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def clean_text_pages(pages: Sequence[str]) -> str:
    """Clean pages given as plain text (OCR, pypdf): a blank line is a paragraph break, order stands for position."""
    return clean_pages([[Line(t) for t in page.split("\n")] for page in pages])
