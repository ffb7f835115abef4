"""Teaser images of a handful of demo solutions, drawn with Pillow (no downloads).

Each is a simple illustration in the colours of the portal: a sky, the sea between
the two coasts and, in a white disc, the symbol of the solution's field of action
(the same motif as its pictogram). The alternative text says what the picture
shows, in German, Danish and English.
"""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1200, 675
SKY = (214, 234, 244)
SEA = (0, 90, 140)
SEA_LIGHT = (64, 140, 184)
LAND = (190, 214, 170)

#: solution key -> the motif, its colour and the alternative text per language.
TEASER_IMAGES: dict[str, dict] = {
    "nf-buergerwind-dashboard": {
        "motif": "energy",
        "colour": (46, 125, 50),
        "alt": {
            "de": "Illustration: ein grünes Windrad in einem weißen Kreis über "
            "dem Meer",
            "da": "Illustration: en grøn vindmølle i en hvid cirkel over havet",
            "en": "Illustration: a green wind turbine in a white circle above the sea",
        },
    },
    "nf-telemedizin-halligen": {
        "motif": "health",
        "colour": (178, 34, 52),
        "alt": {
            "de": "Illustration: ein rotes Herz in einem weißen Kreis über dem Meer",
            "da": "Illustration: et rødt hjerte i en hvid cirkel over havet",
            "en": "Illustration: a red heart in a white circle above the sea",
        },
    },
    "slfl-dorfladen-24-7": {
        "motif": "living",
        "colour": (166, 84, 0),
        "alt": {
            "de": "Illustration: ein Haus mit Tür in einem weißen Kreis über dem Meer",
            "da": "Illustration: et hus med en dør i en hvid cirkel over havet",
            "en": "Illustration: a house with a door in a white circle above the sea",
        },
    },
    "nf-friesisch-buergerservice": {
        "motif": "public-services",
        "colour": (0, 62, 97),
        "alt": {
            "de": "Illustration: ein Rathaus mit Säulen in einem weißen Kreis über "
            "dem Meer",
            "da": "Illustration: et rådhus med søjler i en hvid cirkel over havet",
            "en": "Illustration: a town hall with columns in a white circle above "
            "the sea",
        },
    },
    "digitalagentur-datenplattform": {
        "motif": "data",
        "colour": (92, 53, 140),
        "alt": {
            "de": "Illustration: vier verbundene Punkte, ein Datennetz, in einem "
            "weißen Kreis über dem Meer",
            "da": "Illustration: fire forbundne punkter, et datanet, i en hvid "
            "cirkel over havet",
            "en": "Illustration: four connected points, a data network, in a white "
            "circle above the sea",
        },
    },
}


def _background(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=SKY)
    draw.rectangle((0, 470, WIDTH, HEIGHT), fill=SEA)
    # Waves and the two coasts.
    for y, colour in ((500, SEA_LIGHT), (560, SEA_LIGHT), (620, SEA_LIGHT)):
        for x in range(-40, WIDTH, 120):
            draw.arc((x, y - 20, x + 120, y + 20), 200, 340, fill=colour, width=6)
    draw.polygon([(0, 470), (260, 440), (380, 470)], fill=LAND)
    draw.polygon([(820, 470), (980, 430), (WIDTH, 450), (WIDTH, 470)], fill=LAND)


def _motif(draw: ImageDraw.ImageDraw, motif: str, colour: tuple) -> None:
    cx, cy, r = WIDTH // 2, 300, 210
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill="white")
    line = {"fill": colour, "width": 18}
    if motif == "energy":  # a wind turbine
        draw.line((cx, cy - 30, cx, cy + 150), **line)
        for end in ((cx, cy - 150), (cx - 110, cy + 30), (cx + 110, cy + 30)):
            draw.line((cx, cy - 30, *end), **line)
        draw.ellipse((cx - 20, cy - 50, cx + 20, cy - 10), fill=colour)
    elif motif == "health":  # a heart
        draw.ellipse((cx - 120, cy - 110, cx, cy + 10), fill=colour)
        draw.ellipse((cx, cy - 110, cx + 120, cy + 10), fill=colour)
        draw.polygon(
            [(cx - 116, cy - 25), (cx + 116, cy - 25), (cx, cy + 130)], fill=colour
        )
    elif motif == "living":  # a house with a door
        draw.polygon(
            [(cx - 120, cy - 10), (cx, cy - 120), (cx + 120, cy - 10)],
            outline=colour,
            width=18,
        )
        draw.rectangle((cx - 95, cy - 10, cx + 95, cy + 130), outline=colour, width=18)
        draw.rectangle((cx - 25, cy + 50, cx + 25, cy + 130), fill=colour)
    elif motif == "public-services":  # a town hall with columns
        draw.polygon(
            [(cx - 140, cy - 50), (cx, cy - 130), (cx + 140, cy - 50)], fill=colour
        )
        for x in (cx - 100, cx - 35, cx + 35, cx + 100):
            draw.rectangle((x - 14, cy - 30, x + 14, cy + 100), fill=colour)
        draw.rectangle((cx - 150, cy + 110, cx + 150, cy + 135), fill=colour)
    else:  # data: four connected points
        points = [
            (cx - 110, cy - 80),
            (cx + 110, cy - 80),
            (cx, cy + 110),
            (cx, cy - 10),
        ]
        for a in points:
            for b in points:
                if a < b:
                    draw.line((*a, *b), **line)
        for x, y in points:
            draw.ellipse((x - 30, y - 30, x + 30, y + 30), fill=colour)


def illustration_png(motif: str, colour: tuple) -> bytes:
    """The illustration as PNG bytes."""
    picture = PILImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(picture)
    _background(draw)
    _motif(draw, motif, colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def teaser_image(solution_key: str):
    """The demo image of a solution (created once, then found by its title), or
    None for a solution without one."""
    spec = TEASER_IMAGES.get(solution_key)
    if spec is None:
        return None
    Image = get_image_model()
    title = f"Demo: {solution_key}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        png = illustration_png(spec["motif"], spec["colour"])
        image = Image(
            title=title,
            description=spec["alt"]["de"],
            file=ImageFile(io.BytesIO(png), name=f"demo-{solution_key}.png"),
        )
        image.save()
    return image


def teaser_fields(solution_key: str, language: str) -> dict:
    """``image`` and ``image_alt`` of a demo solution in ``language`` (none if it
    has no image)."""
    image = teaser_image(solution_key)
    if image is None:
        return {}
    return {"image": image, "image_alt": TEASER_IMAGES[solution_key]["alt"][language]}
