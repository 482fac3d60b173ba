"""Demo images drawn at seed time with Pillow (which Wagtail installs): a field-coloured
illustration per technical field for outcome cards and pages, and a monogram logo per
institution. Nothing is downloaded; the same pictures come out on every machine."""

import io
import math
from collections.abc import Callable

from django.core.files.images import ImageFile
from PIL import Image as Picture
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

# technical field -> (background, accent, motif)
FIELD_STYLES = {
    "electronic-information": ("#0b5cad", "#93c5fd", "waves"),
    "biomedicine": ("#0f766e", "#99f6e4", "cells"),
    "aerospace": ("#1e3a8a", "#bfdbfe", "orbits"),
    "new-materials": ("#6d28d9", "#ddd6fe", "lattice"),
    "high-tech-services": ("#0369a1", "#bae6fd", "grid"),
    "new-energy": ("#15803d", "#bbf7d0", "rays"),
    "resources-environment": ("#3f6212", "#d9f99d", "cells"),
    "advanced-manufacturing": ("#9a3412", "#fed7aa", "gears"),
}
INSTITUTION_COLOURS = ("#0b5cad", "#0f766e", "#6d28d9", "#9a3412", "#1e3a8a", "#15803d", "#b91c1c")
WIDTH, HEIGHT = 960, 400


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _png(picture: Picture.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def field_illustration(field: str) -> bytes:
    """A 960×400 banner in the field's colours with its motif."""
    background, accent, motif = FIELD_STYLES.get(field, ("#334155", "#e2e8f0", "grid"))
    base, light = _rgb(background), _rgb(accent)
    picture = Picture.new("RGB", (WIDTH, HEIGHT), base)
    draw = ImageDraw.Draw(picture, "RGBA")
    # a diagonal sheen from the left
    for x in range(WIDTH):
        alpha = int(60 * (1 - x / WIDTH))
        draw.line([(x, 0), (x, HEIGHT)], fill=(255, 255, 255, alpha))
    faint, strong = (*light, 70), (*light, 170)
    if motif == "waves":
        for n in range(7):
            points = [
                (x, 200 + n * 22 - 70 + 40 * math.sin(x / 70 + n)) for x in range(0, WIDTH + 10, 10)
            ]
            draw.line(points, fill=strong if n == 3 else faint, width=3)
    elif motif == "lattice":
        for row in range(7):
            for col in range(14):
                cx, cy = col * 72 + (36 if row % 2 else 0), row * 62
                hexagon = [
                    (cx + 30 * math.cos(math.pi / 3 * k), cy + 30 * math.sin(math.pi / 3 * k))
                    for k in range(6)
                ]
                draw.polygon(hexagon, outline=strong if (row + col) % 5 == 0 else faint, width=2)
    elif motif == "cells":
        for n in range(18):
            cx, cy, r = (n * 131) % WIDTH, (n * 89) % HEIGHT, 18 + (n * 7) % 40
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=strong, fill=faint, width=2)
    elif motif == "orbits":
        for n in range(1, 7):
            draw.ellipse(
                [680 - n * 70, 200 - n * 26, 680 + n * 70, 200 + n * 26], outline=faint, width=2
            )
        draw.ellipse([660, 180, 700, 220], fill=strong)
    elif motif == "rays":
        for n in range(16):
            angle = math.pi * n / 15
            draw.line(
                [(720, 400), (720 + 520 * math.cos(angle), 400 - 520 * math.sin(angle))],
                fill=faint,
                width=4,
            )
        draw.ellipse([640, 320, 800, 480], fill=strong)
    elif motif == "gears":
        for cx, cy, r in ((640, 200, 110), (820, 120, 70), (830, 310, 60)):
            teeth = [
                (
                    cx + (r + (14 if k % 2 else 0)) * math.cos(math.pi * k / 12),
                    cy + (r + (14 if k % 2 else 0)) * math.sin(math.pi * k / 12),
                )
                for k in range(24)
            ]
            draw.polygon(teeth, outline=strong, fill=faint, width=3)
            draw.ellipse([cx - r / 3, cy - r / 3, cx + r / 3, cy + r / 3], fill=(*base, 255))
    else:
        for x in range(0, WIDTH, 48):
            draw.line([(x, 0), (x, HEIGHT)], fill=faint, width=1)
        for y in range(0, HEIGHT, 48):
            draw.line([(0, y), (WIDTH, y)], fill=faint, width=1)
        for n in range(9):
            draw.rectangle(
                [480 + n * 48, 96 + (n % 4) * 48, 520 + n * 48, 136 + (n % 4) * 48], fill=strong
            )
    return _png(picture)


def institution_logo(monogram: str, colour: str) -> bytes:
    """A 192×192 rounded emblem with the institution's Latin initials."""
    picture = Picture.new("RGBA", (192, 192), (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle([0, 0, 191, 191], radius=36, fill=_rgb(colour))
    draw.ellipse([26, 26, 166, 166], outline=(255, 255, 255), width=5)
    font = ImageFont.load_default(size=54 if len(monogram) <= 3 else 42)
    draw.text((96, 98), monogram, font=font, fill=(255, 255, 255), anchor="mm")
    return _png(picture)


def image_ensure(title: str, draw: Callable[[], bytes], filename: str) -> tuple[Image, bool]:
    """The Wagtail image of this title, drawn by ``draw`` the first time only (a picture takes
    a twentieth of a second; the demo's outcomes share eight)."""
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image, False
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(draw()), name=filename)
    image.save()
    return image, True


def field_image(field: str) -> Image:
    image, _created = image_ensure(
        f"示意图：{field}", lambda: field_illustration(field), f"{field}.png"
    )
    return image


def logo_for(slug: str, index: int) -> Image:
    monogram = slug.split("-")[0].upper()[:4]
    colour = INSTITUTION_COLOURS[index % len(INSTITUTION_COLOURS)]
    image, _created = image_ensure(
        f"标识：{slug}", lambda: institution_logo(monogram, colour), f"logo-{slug}.png"
    )
    return image
