"""Lay out a book's HTML with WeasyPrint and write the PDF atomically."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

CSS_FILE = Path(__file__).with_name("print.css")


def write_pdf(source: str, out_file: Path, base_url: str, extra_css: str,
              progress: Callable[[str], None]) -> int:
    """Write ``out_file``; returns the number of PDF pages."""
    import weasyprint  # late: importing it costs a second and pulls in Pango
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    stylesheets = [weasyprint.CSS(filename=str(CSS_FILE), font_config=fonts)]
    if extra_css:
        stylesheets.append(weasyprint.CSS(string=extra_css, font_config=fonts))
    progress("laying out")
    document = weasyprint.HTML(string=source, base_url=base_url).render(
        stylesheets=stylesheets, font_config=fonts)
    progress(f"laid out {len(document.pages)} PDF pages; writing")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_file.parent, prefix=out_file.name, suffix=".tmp")
    os.close(fd)
    try:
        document.write_pdf(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(document.pages)
