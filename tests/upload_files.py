"""Files as users upload them: images as phones and attackers make them (EXIF GPS
and a turned camera, bombs), a plain PNG and a one-page PDF."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage
from pypdf import PdfWriter

RED = (220, 20, 20)
BLUE = (20, 20, 220)
#: A position in Flensburg, as a phone writes it (degrees, minutes, seconds).
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (54.0, 47.0, 12.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (9.0, 26.0, 1.25),
}
AUTHOR = "Karin Jensen"
CAMERA = "PhoneMaker"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
    b'1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/'
    b'elements/1.1/" dc:creator="Karin Jensen"/></rdf:RDF></x:xmpmeta>'
)


def phone_photo_jpeg() -> bytes:
    """A 60 × 40 JPEG taken on its side: upright it is 40 × 60, red above blue.

    Its pixels are stored as the camera saw them (red left, blue right) with EXIF
    orientation 6 (turn 90° clockwise to show), a GPS position, author, camera and
    an XMP packet naming the author.
    """
    image = PILImage.new("RGB", (60, 40), BLUE)
    image.paste(RED, (0, 0, 30, 40))
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = AUTHOR
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Model] = "Model 7"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif, xmp=XMP)
    return buffer.getvalue()


def huge_png(size: int = 11000) -> bytes:
    """A one-colour PNG of size × size pixels: some 100 KB declaring 121 megapixels."""
    buffer = io.BytesIO()
    PILImage.new("1", (size, size), 1).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def metadata_left(content: bytes) -> list[str]:
    """What of the phone photo's metadata a stored file still carries."""
    with PILImage.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        found = [key for key in ("exif", "xmp", "comment") if image.info.get(key)]
        if exif.get_ifd(ExifTags.IFD.GPSInfo) or ExifTags.IFD.GPSInfo in exif:
            found.append("gps")
        found += [
            name
            for name, tag in (
                ("author", ExifTags.Base.Artist),
                ("camera", ExifTags.Base.Make),
                ("orientation", ExifTags.Base.Orientation),
            )
            if tag in exif
        ]
    for marker in (AUTHOR.encode(), CAMERA.encode(), b"Exif\x00\x00"):
        if marker in content:
            found.append(marker.decode(errors="replace"))
    return found


def is_upright_red_above_blue(content: bytes) -> bool:
    """The phone photo shown the right way: 40 wide, 60 high, red on top."""
    with PILImage.open(io.BytesIO(content)) as image:
        image = image.convert("RGB")
        width, height = image.size
        if width * 3 != height * 2:
            return False
        top = image.getpixel((width // 2, height // 6))
        bottom = image.getpixel((width // 2, height * 5 // 6))
    return top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_upload(name: str = "bild.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name: str = "konzept.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
