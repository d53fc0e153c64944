"""Guessing what kind of document an evidence file is, from its name or content type.

Plain rules, no store: the window proposes the guess when files are dropped, and any
front end may do the same.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Words in a file name that suggest a document type (checked in this order).
NAME_HINTS = (
    ("deregistr", "cn_deregistration_certificate"),
    ("снят", "cn_deregistration_certificate"),
    ("registration", "cn_registration_certificate"),
    ("行驶证", "cn_registration_certificate"),
    ("登记证", "cn_registration_certificate"),
    ("odometer", "odometer_photo"),
    ("одометр", "odometer_photo"),
    ("invoice", "invoice"),
    ("инвойс", "invoice"),
    ("licen", "export_licence"),
    ("sbkts", "sbkts"),
    ("сбктс", "sbkts"),
    ("otts", "otts"),
    ("оттс", "otts"),
    ("epts", "epts"),
    ("эптс", "epts"),
    ("saso", "saso"),
    ("gcc", "gcc"),
    ("fmvss", "fmvss_label"),
    ("coc", "certificate_of_conformity"),
    ("conformity", "certificate_of_conformity"),
    ("letter", "manufacturer_letter"),
    ("письмо", "manufacturer_letter"),
)
#: Camera formats: at the desk, a photo is most often of the odometer.
CAMERA_MIMES = ("image/jpeg", "image/heic", "image/heif")


def guess_kind(names: Sequence[str], mimes: Sequence[str], known: Sequence[str]) -> str | None:
    """A default kind for files described together: the one their names (or, failing that,
    their content type) suggest, if all files agree and it is a known kind; else None."""
    guesses = set()
    for name, mime in zip(names, mimes, strict=True):
        lowered = name.lower()
        guess = next((code for word, code in NAME_HINTS if word in lowered), None)
        if guess is None and mime in CAMERA_MIMES:
            guess = "odometer_photo"
        guesses.add(guess)
    if len(guesses) == 1:
        (only,) = guesses
        return only if only in known else None
    return None
