"""StreamField blocks for the body of solution and theme pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline valid for screen readers."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "knowledge/blocks/heading.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image with the alt text that screen readers announce and a caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "knowledge/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source, e.g. from a pilot user."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "knowledge/blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    """One key figure: a value and what it measures."""

    value = blocks.CharBlock(label=_("Value"), max_length=40)
    label = blocks.CharBlock(label=_("Label"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    """A row of key figures such as users reached or CO2 saved."""

    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Key figures")
        template = "knowledge/blocks/key_figures.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document such as a concept or an evaluation report."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "knowledge/blocks/document.html"


class LinkStructValue(blocks.StructValue):
    """A link's value, with the address to use in a template."""

    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            # The visitor's language version of the page if it is published; no
            # address at all for a page that is not (yet) published.
            page = page.localized
            return (page.url or "") if page.live else ""
        return self.get("url") or ""


class LinkBlock(blocks.StructBlock):
    """A link to a page of the portal or to an external address."""

    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        has_page = value.get("page") is not None
        has_url = bool(value.get("url"))
        if has_page and has_url:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Choose either a page or an external address, not both.")
                    )
                }
            )
        if not has_page and not has_url:
            message = _("Choose a page or enter an external address.")
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(message),
                    "url": ValidationError(message),
                }
            )
        return value


class LinkListBlock(blocks.StructBlock):
    """A titled list of further links."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "link"
        label = _("Link list")
        template = "knowledge/blocks/link_list.html"


class SolutionStreamBlock(blocks.StreamBlock):
    """The body of a solution or theme page."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="knowledge/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    document = DocumentLinkBlock()
    embed = EmbedBlock(
        label=_("Embedded media"), template="knowledge/blocks/embed.html"
    )
    link_list = LinkListBlock()
