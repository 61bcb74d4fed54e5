"""StreamField blocks shared by every page with a free-form body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("level"))

    class Meta:
        icon = "title"
        template = "website/blocks/heading_block.html"
        preview_value = {"text": "Lessons from the field", "level": "h2"}
        description = _("A section heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul", "h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "website/blocks/paragraph_block.html"
        preview_value = "<p>Practitioners from twelve countries met to compare approaches.</p>"
        description = _("Rich text with links and lists")


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=255,
        help_text=_("Describe the image for screen readers."),
    )

    class Meta:
        icon = "image"
        template = "website/blocks/figure_block.html"
        description = _("An image with a caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "website/blocks/quote_block.html"
        preview_value = {"text": "We learned more in a week than in a year of reports.", "attribution": "A participant"}
        description = _("A quotation with its source")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
