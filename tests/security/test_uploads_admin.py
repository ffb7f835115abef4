"""Uploads through the Wagtail admin: type, content and size are checked.

SVG and HTML can carry scripts that a browser would run from the site's own
address, so they are refused as images and as documents, also when renamed.
"""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from apps.security.images import NOT_READABLE, too_many_pixels
from tests.upload_files import (
    huge_png,
    is_upright_red_above_blue,
    metadata_left,
    pdf_bytes,
    phone_photo_jpeg,
    png_bytes,
)

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
    b'height="10"><script>alert(document.cookie)</script>'
    b'<rect width="10" height="10"/></svg>'
)
HTML_PAGE = (
    b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
)
ZIP_HEAD = b"PK\x03\x04" + b"\x00" * 60


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "password"
    )
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def root_collection() -> int:
    return Collection.get_first_root_node().pk


def add_document(client, name: str, content: bytes, content_type="application/pdf"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "collection": root_collection(),
            "file": upload(name, content, content_type),
        },
    )


def add_image(client, name: str, content: bytes, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": root_collection(),
            "file": upload(name, content, content_type),
        },
    )


def file_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get("file", [])]


# -- images ------------------------------------------------------------------------


def test_image__svg_with_script_is_refused(editor_client):
    response = add_image(editor_client, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")

    assert file_errors(response)
    assert "Not a supported image format" in " ".join(file_errors(response))
    assert not get_image_model().objects.exists()


def test_image__svg_renamed_png_is_refused(editor_client):
    response = add_image(editor_client, "logo.png", SVG_WITH_SCRIPT)

    assert file_errors(response)
    assert not get_image_model().objects.exists()


def test_image__html_renamed_png_is_refused(editor_client):
    response = add_image(editor_client, "photo.png", HTML_PAGE)

    assert file_errors(response)
    assert not get_image_model().objects.exists()


def test_image__too_large_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024

    response = add_image(editor_client, "big.png", png_bytes((400, 400)) + b"\0" * 2048)

    assert "This file is too big" in " ".join(file_errors(response))
    assert not get_image_model().objects.exists()


def test_image__a_real_png_is_accepted(editor_client):
    response = add_image(editor_client, "photo.png", png_bytes())

    assert response.status_code == HTTPStatus.FOUND
    assert get_image_model().objects.count() == 1


def test_image_multiple_upload__svg_is_refused(editor_client):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {
            "collection": root_collection(),
            "files[]": upload("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        },
    )

    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()


# -- images: metadata, pixels, unreadable files ---------------------------------------


def test_phone_photo__is_stored_upright_without_gps_author_or_camera(editor_client):
    response = add_image(editor_client, "photo.jpg", phone_photo_jpeg(), "image/jpeg")

    assert response.status_code == HTTPStatus.FOUND, file_errors(response)
    image = get_image_model().objects.get()
    with image.open_file() as f:
        stored = f.read()
    assert metadata_left(stored) == []
    assert is_upright_red_above_blue(stored)
    assert (image.width, image.height) == (40, 60)
    assert image.file_size == len(stored)


def test_phone_photo__renditions_carry_no_gps_author_or_camera(editor_client):
    add_image(editor_client, "photo.jpg", phone_photo_jpeg(), "image/jpeg")
    image = get_image_model().objects.get()

    for spec in ("width-20", "fill-30x30", "original"):
        with image.get_rendition(spec).file.open("rb") as f:
            rendered = f.read()
        assert metadata_left(rendered) == [], spec


def test_phone_photo_stored_before_the_checks__renditions_carry_no_metadata():
    # An original saved without the admin form (as before this check existed).
    image = get_image_model().objects.create(
        title="old photo",
        file=upload("old.jpg", phone_photo_jpeg(), "image/jpeg"),
    )
    with image.open_file() as f:
        assert "gps" in metadata_left(f.read())

    with image.get_rendition("width-20").file.open("rb") as f:
        rendered = f.read()

    assert metadata_left(rendered) == []
    assert is_upright_red_above_blue(rendered)


def test_phone_photo_multiple_upload__is_stored_without_metadata(editor_client):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {
            "collection": root_collection(),
            "files[]": upload("photo.jpg", phone_photo_jpeg(), "image/jpeg"),
        },
    )

    assert response.json()["success"] is True
    image = get_image_model().objects.get()
    with image.open_file() as f:
        stored = f.read()
    assert metadata_left(stored) == []
    assert is_upright_red_above_blue(stored)


@pytest.mark.parametrize("language", ["de", "da"])
def test_image_with_121_megapixels__is_refused_in_the_editors_language(
    editor_client, language
):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    response = add_image(editor_client, "bomb.png", huge_png())

    assert response.status_code == HTTPStatus.OK
    with translation.override(language):
        expected = too_many_pixels(11000, 11000, 121_000_000, 40_000_000).messages
    assert file_errors(response) == expected
    assert not get_image_model().objects.exists()


def test_image_multiple_upload_with_121_megapixels__is_refused(editor_client):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {"collection": root_collection(), "files[]": upload("b.png", huge_png(), "")},
    )

    body = response.json()
    assert body["success"] is False
    assert "11000 × 11000" in body["error_message"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("language", ["de", "da"])
def test_gif_header_with_junk__is_refused_with_a_message_not_a_server_error(
    editor_client, language
):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    response = add_image(editor_client, "x.gif", b"GIF89a" + b"junk" * 64, "image/gif")

    assert response.status_code == HTTPStatus.OK
    with translation.override(language):
        assert file_errors(response) == [str(NOT_READABLE)]
    assert not get_image_model().objects.exists()


def test_truncated_png__is_refused_with_a_message(editor_client):
    response = add_image(editor_client, "cut.png", png_bytes((400, 400))[:60])

    assert response.status_code == HTTPStatus.OK
    assert file_errors(response)
    assert not get_image_model().objects.exists()


# -- documents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", HTML_PAGE, "text/html"),
        ("page.htm", HTML_PAGE, "text/html"),
        ("drawing.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        ("tool.js", b"alert(1)", "text/javascript"),
    ],
)
def test_document__active_content_types_are_refused_by_extension(
    editor_client, name, content, content_type
):
    response = add_document(editor_client, name, content, content_type)

    assert "File extension" in " ".join(file_errors(response))
    assert not get_document_model().objects.exists()


def test_document__html_renamed_pdf_is_refused(editor_client):
    response = add_document(editor_client, "report.pdf", HTML_PAGE)

    assert file_errors(response) == [
        "This file is not a real .pdf file; its content is of another type."
    ]
    assert not get_document_model().objects.exists()


def test_document__html_renamed_docx_is_refused(editor_client):
    response = add_document(editor_client, "report.docx", HTML_PAGE)

    assert "not a real .docx file" in " ".join(file_errors(response))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", HTML_PAGE),
        ("table.csv", b"name,value\n" + SVG_WITH_SCRIPT),
        ("notes.txt", b"\xef\xbb\xbf  <SCRIPT>alert(1)</SCRIPT>"),
        ("notes.txt", "<svg onload=alert(1)>".encode("utf-16-le")),
    ],
)
def test_document__text_with_html_or_svg_inside_is_refused(
    editor_client, name, content
):
    response = add_document(editor_client, name, content, "text/plain")

    assert file_errors(response) == ["Files with HTML or SVG content are not accepted."]
    assert not get_document_model().objects.exists()


def test_document__too_large_is_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024

    response = add_document(editor_client, "big.pdf", pdf_bytes() + b"\0" * 4096)

    assert "This file is too big" in " ".join(file_errors(response))
    assert not get_document_model().objects.exists()


def test_document__a_real_pdf_is_accepted(editor_client):
    response = add_document(editor_client, "report.pdf", pdf_bytes())

    assert response.status_code == HTTPStatus.FOUND
    assert get_document_model().objects.get().title == "report.pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("table.csv", "Kommune;Einwohner\nTønder;37000\n".encode()),
        ("notes.txt", b"Less than: 3 < 5, a tag-like word <b> is harmless text"),
        ("sheet.xlsx", ZIP_HEAD),
        ("text.odt", ZIP_HEAD),
    ],
)
def test_document__ordinary_office_and_text_files_are_accepted(
    editor_client, name, content
):
    response = add_document(editor_client, name, content, "application/octet-stream")

    assert response.status_code == HTTPStatus.FOUND, file_errors(response)
    assert get_document_model().objects.count() == 1


def test_document_multiple_upload__html_renamed_pdf_is_refused(editor_client):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {
            "collection": root_collection(),
            "files[]": upload("report.pdf", HTML_PAGE, "application/pdf"),
        },
    )

    body = response.json()
    assert body["success"] is False
    assert "not a real .pdf file" in body["error_message"]
    assert not get_document_model().objects.exists()


def test_document_multiple_upload__a_real_pdf_is_accepted(editor_client):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {
            "collection": root_collection(),
            "files[]": upload("report.pdf", pdf_bytes(), "application/pdf"),
        },
    )

    assert response.json()["success"] is True
    assert get_document_model().objects.count() == 1


def test_document_edit__replacing_the_file_is_checked_too(editor_client):
    add_document(editor_client, "report.pdf", pdf_bytes())
    document = get_document_model().objects.get()

    response = editor_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "report",
            "collection": root_collection(),
            "file": upload("report.pdf", HTML_PAGE, "application/pdf"),
        },
    )

    assert "not a real .pdf file" in " ".join(file_errors(response))
    document.refresh_from_db()
    assert document.file.read().startswith(b"%PDF-")


# -- serving -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.txt", b"plain words"), ("sheet.xlsx", ZIP_HEAD)],
)
def test_served_document__is_a_download_the_browser_must_not_sniff(
    editor_client, name, content
):
    add_document(editor_client, name, content, "application/octet-stream")
    document = get_document_model().objects.get()

    # Visitors get a document only once a live page uses it; its editor at once.
    response = editor_client.get(document.url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
