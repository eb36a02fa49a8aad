"""Just enough of a tagged PDF (as Chromium prints one) to see how its pages end.

Chromium tags what it prints: each piece of text is a marked-content sequence
(`/P <</MCID n >>BDC ... EMC`) on its page, owned by a structure element whose
ancestors say what it is (`/S /H2` for a heading). The text a page ends with is
its last marked sequence that shows text (`Tj`/`TJ`); if that belongs to a
heading, the heading is the last element on the page. Its outline (bookmarks,
one per heading) gives each heading's page.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass


@dataclass
class Layout:
    pages: int
    ending_in_heading: list[int]  # 1-based page numbers
    heading_pages: dict[str, int]  # outline title -> 1-based page (first use of the title)


def read(data: bytes) -> Layout:
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}
    kids = next(found.group(1) for body in objects.values()
                if re.search(rb"/Type /Pages\b", body)
                and (found := re.search(rb"/Kids \[([^\]]*)\]", body)))
    pages = [int(n) for n in re.findall(rb"(\d+) 0 R", kids)]
    parent: dict[int, int | None] = {}
    kind: dict[int, str] = {}
    owner: dict[tuple[int, int], int] = {}
    for number, body in objects.items():
        if b"/StructElem" not in body:
            continue
        tag = re.search(rb"/S /(\w+)", body)
        kind[number] = tag.group(1).decode() if tag else ""
        up = re.search(rb"/P (\d+) 0 R", body)
        parent[number] = int(up.group(1)) if up else None
        page = re.search(rb"/Pg (\d+) 0 R", body)
        mcid = re.search(rb"/K (\d+)\s*>>", body)
        if page and mcid:
            owner[(int(page.group(1)), int(mcid.group(1)))] = number
    ending = []
    for index, page in enumerate(pages, start=1):
        contents = re.search(rb"/Contents (\d+) 0 R", objects[page])
        if contents is None:
            continue
        last = None
        for marked in re.finditer(rb"<</MCID (\d+) >>BDC(.*?)EMC", _stream(objects[int(
                contents.group(1))]), re.S):
            if re.search(rb"T[Jj]\b", marked.group(2)):
                last = int(marked.group(1))
        node = owner.get((page, last)) if last is not None else None
        while node is not None:
            if re.fullmatch(r"H\d", kind.get(node, "")):
                ending.append(index)
                break
            node = parent.get(node)
    headings: dict[str, int] = {}
    for body in objects.values():
        title = re.search(rb"/Title \((.*?)\)\s*/Dest \[(\d+) 0 R", body, re.S)
        if title and int(title.group(2)) in pages:
            text = title.group(1).replace(rb"\(", b"(").replace(rb"\)", b")").decode("latin-1")
            headings.setdefault(text, pages.index(int(title.group(2))) + 1)
    return Layout(len(pages), ending, headings)


def _stream(body: bytes) -> bytes:
    raw = body.split(b"stream", 1)[1].lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
    return zlib.decompress(raw) if b"FlateDecode" in body else raw
