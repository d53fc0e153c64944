"""An image exhibit that cannot be drawn never blocks the case file: it prints as a
placeholder with its file name, SHA-256 and why, in the report's language."""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from core.cli.main import run
from core.reports import images

from .conftest import Exported, pdftotext

needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("qpdf", "pdftotext")),
    reason="needs qpdf and poppler-utils (installed by .ci/run)",
)


def photo_jpeg(size: tuple[int, int] = (900, 700)) -> bytes:
    """A photo-like JPEG (noise compresses badly, so it is well over 15,000 bytes)."""
    picture = Image.effect_noise(size, 64).convert("RGB")
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=90)
    return out.getvalue()


def png_bytes(picture: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG", **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def bomb_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of ``width``×``height`` black pixels: a few kB claiming gigapixels."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (width // 8 + 2)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )


#: Random-looking bytes, the same on every run: truly random ones now and then contain a
#: marker the decoder takes for image structure, which changes the reason given.
NOISE = random.Random(20261201).randbytes(40000)

JPEG = photo_jpeg()
PNG = png_bytes(Image.effect_noise((300, 200), 64).convert("RGB"))

BROKEN = {
    "truncated_photo.jpg": (JPEG[:15000], "image_truncated"),
    "garbage_after_jpeg_header.jpg": (JPEG[:20] + NOISE, "image_damaged"),  # a JPEG start
    "garbage_after_png_header.png": (PNG[:8] + NOISE, "image_unreadable"),
    "truncated.png": (PNG[: len(PNG) // 3], "image_truncated"),
    "empty.jpg": (b"", "image_empty"),
    "bomb_400_megapixels.png": (bomb_png(20000, 20000), "image_too_large_bomb"),
    "bomb_100_megapixels.png": (bomb_png(10000, 10000), "image_too_large"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_image_gives_a_reason_not_an_error(name: str) -> None:
    data, reason = BROKEN[name]
    prepared = images.prepare(data)
    assert isinstance(prepared, images.NotRendered)
    assert prepared.reason == reason


def test_a_huge_image_is_refused_before_it_is_decoded() -> None:
    prepared = images.prepare(BROKEN["bomb_100_megapixels.png"][0])
    assert isinstance(prepared, images.NotRendered)
    assert prepared.values == {"width": 10000, "height": 10000}


def pixel(prepared: images.Drawable | images.NotRendered, x: int, y: int) -> tuple[int, ...]:
    assert isinstance(prepared, images.Drawable)
    with Image.open(io.BytesIO(prepared.jpeg)) as img:
        assert img.mode == "RGB"
        value: tuple[int, ...] = img.getpixel((x, y))  # type: ignore[assignment]
        return value


def test_odd_but_valid_images_are_drawn_as_they_look() -> None:
    # CMYK JPEG (print scans): drawn in RGB.
    cmyk = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(cmyk, format="JPEG")  # red
    red = pixel(images.prepare(cmyk.getvalue()), 32, 24)
    assert red[0] > 200 and red[1] < 60 and red[2] < 60
    # 16-bit greyscale PNG: mid-grey stays mid-grey (not clipped to white).
    grey16 = Image.new("I;16", (64, 48), 0x8000)
    grey = pixel(images.prepare(png_bytes(grey16)), 32, 24)
    assert all(110 < c < 150 for c in grey), grey
    # Palette PNG with a transparent colour: transparent parts on white, not black.
    palette = Image.new("P", (64, 48), 0)
    palette.putpalette([0, 0, 0, 0, 0, 255])
    palette.paste(1, (0, 0, 32, 48))  # left half blue, right half transparent black
    drawn = images.prepare(png_bytes(palette, transparency=0))
    assert pixel(drawn, 8, 24)[2] > 200 and pixel(drawn, 56, 24) > (240, 240, 240)
    # RGBA: the same.
    rgba = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    assert pixel(images.prepare(png_bytes(rgba)), 32, 24) > (240, 240, 240)
    # A big photo is drawn small.
    big = images.prepare(photo_jpeg((4000, 3000)))
    assert isinstance(big, images.Drawable) and max(big.width, big.height) == 1600


def test_an_exif_rotated_photo_is_drawn_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    out = io.BytesIO()
    Image.new("RGB", (80, 40), "white").save(out, format="JPEG", exif=exif)
    upright = images.prepare(out.getvalue())
    assert isinstance(upright, images.Drawable) and (upright.width, upright.height) == (40, 80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from([JPEG[:2], JPEG[:200], PNG[:8], PNG[:33], b"GIF89a", b"RIFF"]),
    tail=st.binary(max_size=4000),
    cut=st.integers(min_value=0, max_value=len(JPEG)),
)
def test_no_bytes_make_prepare_raise(head: bytes, tail: bytes, cut: int) -> None:
    for data in (head + tail, JPEG[:cut], JPEG[:cut] + tail):
        assert isinstance(images.prepare(data), (images.Drawable, images.NotRendered))


# --- through the real export ---------------------------------------------------------------


def add_exhibit(demo: Exported, jurisdiction: str, path: Path, data: bytes) -> str:
    path.write_bytes(data)
    assert run(["--db", demo.db, "evidence", "add", demo.refs[jurisdiction], str(path)]) == 0
    return hashlib.sha256(data).hexdigest()


@needs_tools
def test_a_case_with_a_damaged_photo_still_exports_with_a_placeholder(
    demo: Exported, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truncated = add_exhibit(demo, "KZ", tmp_path / "truncated_photo.jpg", JPEG[:15000])
    garbage = add_exhibit(demo, "KZ", tmp_path / "random_after_header.png", PNG[:8] + NOISE[:30000])
    capsys.readouterr()
    for lang, words in (
        ("en", ("could not be rendered: the file is damaged or incomplete",
                "could not be rendered: not an image format")),
        ("ru", ("не удалось отобразить: файл повреждён или неполон",
                "не удалось отобразить: формат изображения не распознан")),
    ):  # fmt: skip
        out = demo.folder / f"kz-{lang}.pdf"
        assert demo.export("KZ", "--pdf", str(out), "--lang", lang) == 0, capsys.readouterr()
        check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
        text = pdftotext(out)
        for word in words:
            assert word in text, (lang, word)
        shown = (("E0005", "truncated_photo.jpg", truncated),
                 ("E0006", "random_after_header.png", garbage))  # fmt: skip
        for number, name, sha in shown:
            placeholder = text[text.index(f"{number}: {name}") :][:700]
            assert name in placeholder[len(number) + 2 + len(name) :], placeholder
            assert sha in placeholder.replace(" ", ""), placeholder
    # The good photos of the case are still drawn.
    assert "IMG_20260214_103512.jpg" in text


@needs_tools
def test_a_placeholder_names_an_arabic_file_and_the_bundle_keeps_the_exhibit(
    demo: Exported, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    name = "صورة_العداد.jpg"
    sha = add_exhibit(demo, "JO", tmp_path / name, JPEG[:15000])
    capsys.readouterr()
    bundle = demo.folder / "jo.zip"
    assert demo.export("JO", "--bundle", str(bundle)) == 0
    with zipfile.ZipFile(bundle) as z:
        pdf = next(n for n in z.namelist() if n.endswith(".pdf"))
        (demo.folder / "jo.pdf").write_bytes(z.read(pdf))
        kept = [n for n in z.namelist() if n.startswith("exhibits/") and n.endswith(".jpg")]
        assert any(hashlib.sha256(z.read(n)).hexdigest() == sha for n in kept)
    text = pdftotext(demo.folder / "jo.pdf")
    assert "could not be rendered: the file is damaged or incomplete" in text
    assert sha in text.replace(" ", "")


@needs_tools
def test_an_image_too_large_to_read_prints_a_placeholder(
    demo: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.reports import case_data

    sha = add_exhibit(demo, "KZ", tmp_path / "huge_scan.jpg", JPEG)
    monkeypatch.setattr(case_data, "IMAGE_LIMIT", len(JPEG) - 1)
    out = demo.folder / "kz.pdf"
    assert demo.export("KZ", "--pdf", str(out)) == 0
    text = pdftotext(out)
    assert "could not be rendered: the file is larger than" in text
    assert sha in text.replace(" ", "")
