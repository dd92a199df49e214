"""OCR with the Tesseract command-line tool, for scanned pages that carry no text layer."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import time
from typing import Any, NamedTuple

from interpel.errors import DocumentTooLarge, DocumentUnreadable

DPI = 300
# A page bigger than this (in pixels) is rendered at a lower resolution, so that memory stays bounded
# even for a "page" of several square metres: 40 Mpx is A3 at 300 dpi.
MAX_PIXELS = 40_000_000
LANGUAGE = "pol"


def tesseract_available() -> bool:
    """True when the tesseract binary is on PATH."""
    return shutil.which("tesseract") is not None


class Deadline:
    """A time budget shared by every OCR call for one document."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left; raise DocumentUnreadable when none are."""
        left = self.ends_at - time.monotonic()
        if left <= 0:
            raise DocumentUnreadable(f"OCR przekroczyło limit czasu {self.seconds:g} s (OCR timed out)")
        return left


def ocr_image(image: bytes, deadline: Deadline, language: str = LANGUAGE, output: str = "txt") -> str:
    """Run tesseract on one image (any format leptonica reads: PNG, PNM, JPEG, TIFF) and return its text, or
    with output="tsv" its words with their boxes."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise DocumentUnreadable("brak programu tesseract do OCR (tesseract is not installed)")
    # One thread per tesseract: the machine's cores are better spent on other documents than on OpenMP overhead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", language, "--psm", "3", *([output] if output != "txt" else [])],
            input=image,
            capture_output=True,
            timeout=deadline.left(),
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        # subprocess.run has killed and reaped the child by now.
        raise DocumentUnreadable(
            f"OCR przekroczyło limit czasu {deadline.seconds:g} s (OCR timed out)"
        ) from e
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DocumentUnreadable(
            f"OCR nie powiodło się (tesseract failed: {err[-1] if err else done.returncode})"
        )
    return done.stdout.decode("utf-8", "replace").replace("\f", "")


def render_page(page: Any, dpi: int = DPI) -> bytes:
    """Render a pypdfium2 page to a greyscale PGM image at about dpi, capped at MAX_PIXELS."""
    width, height = page.get_size()
    scale = dpi / 72
    pixels = width * scale * height * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    w, h, stride = bitmap.width, bitmap.height, bitmap.stride
    raw = bytes(bitmap.buffer)
    if stride != w:
        raw = b"".join(raw[r * stride : r * stride + w] for r in range(h))
    # PGM: nothing to compress, and leptonica reads it directly.
    return b"P5\n%d %d\n255\n" % (w, h) + raw


def ocr_pdf_page(page: Any, deadline: Deadline) -> str:
    """OCR one pypdfium2 page."""
    return ocr_image(render_page(page), deadline)


class OcrLine(NamedTuple):
    """A line tesseract read, in pixels from the image's top left: its text, box and first two words' extents."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    first_word_right: int
    second_word_left: int  # -1 for a line of one word


def ocr_page_lines(page: Any, deadline: Deadline) -> tuple[list[OcrLine], int]:
    """OCR one pypdfium2 page into lines with their boxes, and the image's width in pixels.

    The boxes let a scan's wrapped lines and paragraph gaps be read as a PDF's are: tesseract's text output
    keeps every line the scanner saw, so an official letter's "Odpowiadający: … Name" wrapped over two lines
    would reach the parser cut in two.
    """
    image = render_page(page)
    width = int(image.split(b"\n", 2)[1].split()[0])
    return parse_tsv(ocr_image(image, deadline, output="tsv")), width


def parse_tsv(tsv: str) -> list[OcrLine]:
    """Lines out of tesseract's TSV (level 5 rows are words, keyed by block, paragraph and line numbers)."""
    words: dict[tuple[str, str, str, str], list[tuple[str, int, int, int, int]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            left, top, w, h = (int(c) for c in cols[6:10])
        except ValueError:
            continue
        words.setdefault((cols[1], cols[2], cols[3], cols[4]), []).append((cols[11].strip(), left, top, w, h))
    out = []
    for ws in words.values():  # dicts keep tesseract's reading order
        out.append(
            OcrLine(
                " ".join(w[0] for w in ws),
                min(w[1] for w in ws),
                min(w[2] for w in ws),
                max(w[1] + w[3] for w in ws),
                max(w[2] + w[4] for w in ws),
                ws[0][1] + ws[0][3],
                ws[1][1] if len(ws) > 1 else -1,
            )
        )
    return out


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG, read from its header: a small file can declare a huge bitmap."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    i = 2
    while data.startswith(b"\xff\xd8") and i + 9 < len(data):
        if data[i] != 0xFF:
            break
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        # SOF0..SOF15 carry the frame size; C4, C8 and CC are other tables with look-alike markers.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[i + 5 : i + 9])
            return w, h
        i += 2 + length
    raise DocumentUnreadable("uszkodzony obraz: brak nagłówka z rozmiarem (corrupt image header)")


def ocr_image_file(data: bytes, deadline: Deadline) -> str:
    """OCR a PNG or JPEG scan after checking that its declared size is within MAX_PIXELS."""
    w, h = image_size(data)
    if w * h > MAX_PIXELS:
        raise DocumentTooLarge(f"obraz {w}×{h} px jest za duży do OCR (image too large for OCR)")
    return ocr_image(data, deadline)
