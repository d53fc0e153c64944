"""Generated demo evidence: odometer photos with EXIF, a scanned certificate, a PDF letter.

The files are made in memory (Pillow, ReportLab) and stored through the same
ingest as any inspector's file, so the demo exercises hashing, sniffing,
derived data and custody.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from PIL import Image, ImageDraw, ImageFont

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)


def odometer_photo(*, km: int, taken_at: dt.datetime, lat: float, lon: float) -> bytes:
    """A JPEG of an instrument cluster reading ``km``, with capture time, camera and GPS."""
    image = Image.new("RGB", (960, 640), (18, 20, 24))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((120, 160, 840, 480), radius=40, outline=(90, 160, 255), width=6)
    big = ImageFont.load_default(size=120)
    small = ImageFont.load_default(size=36)
    draw.text((480, 300), f"{km:06d}", fill=(235, 240, 255), font=big, anchor="mm")
    draw.text((480, 410), "km   ODO", fill=(150, 190, 255), font=small, anchor="mm")
    draw.text(
        (480, 560),
        "protective film on seats: present",
        fill=(200, 200, 200),
        font=small,
        anchor="mm",
    )
    exif = image.getexif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A54"
    exif[0x0132] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    exif.get_ifd(_EXIF_IFD)[0x9003] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    gps = exif.get_ifd(_GPS_IFD)
    gps[1] = "N" if lat >= 0 else "S"
    gps[2] = _dms(lat)
    gps[3] = "E" if lon >= 0 else "W"
    gps[4] = _dms(lon)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, exif=exif)
    return out.getvalue()


def certificate_scan(*, vin: str, owner: str, registered: str, deregistered: str) -> bytes:
    """A PNG 'scan' of a Chinese registration certificate page with a red transfer stamp."""
    image = Image.new("RGB", (1240, 874), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    title = ImageFont.load_default(size=44)
    body = ImageFont.load_default(size=30)
    draw.rectangle((30, 30, 1210, 844), outline=(60, 60, 60), width=3)
    draw.text(
        (620, 90),
        "MOTOR VEHICLE REGISTRATION CERTIFICATE",
        fill=(20, 20, 20),
        font=title,
        anchor="mm",
    )
    lines = [
        f"VIN: {vin}",
        f"Registered owner: {owner}",
        f"First registration: {registered}",
        f"Transfer registration (for export): {deregistered}",
        "Status: TRANSFER PENDING EXPORT (zhuanyi daichukou)",
    ]
    for index, line in enumerate(lines):
        draw.text((80, 190 + index * 70), line, fill=(30, 30, 30), font=body)
    draw.ellipse((860, 520, 1140, 800), outline=(200, 30, 30), width=8)
    draw.text((1000, 640), "TRANSFER", fill=(200, 30, 30), font=body, anchor="mm")
    draw.text((1000, 690), "PENDING EXPORT", fill=(200, 30, 30), font=body, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def letter_pdf(*, sender: str, recipient: str, date: str, body: list[str]) -> bytes:
    """A one-page PDF letter (ReportLab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle(f"Letter from {sender}")
    _, height = A4
    y = height - 72
    for text, size in ((sender, 14), (date, 10), (f"To: {recipient}", 10)):
        pdf.setFont("Helvetica-Bold" if size == 14 else "Helvetica", size)
        pdf.drawString(72, y, text)
        y -= 24
    y -= 12
    pdf.setFont("Helvetica", 11)
    for paragraph in body:
        for line in _wrap(paragraph, 88):
            pdf.drawString(72, y, line)
            y -= 16
        y -= 8
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def generate(spec: dict[str, Any]) -> bytes:
    """The bytes of one demo evidence file described in ``demo_cases.json``."""
    kind = spec["generate"]
    if kind == "odometer_photo":
        return odometer_photo(
            km=spec["km"],
            taken_at=dt.datetime.fromisoformat(spec["taken_at"]),
            lat=spec["gps"][0],
            lon=spec["gps"][1],
        )
    if kind == "certificate_scan":
        return certificate_scan(
            vin=spec["vin"],
            owner=spec["owner"],
            registered=spec["registered"],
            deregistered=spec["deregistered"],
        )
    if kind == "letter_pdf":
        return letter_pdf(
            sender=spec["sender"], recipient=spec["recipient"], date=spec["date"], body=spec["body"]
        )
    raise ValueError(f"unknown demo evidence generator {kind!r}")
