"""The month names Django writes dates with (``F`` in the date formats), named here so that
``makemessages`` keeps the project's own translations of them: Portuguese writes month names in
lower case ("5 de março de 2026"), and Django's catalogue capitalises them. The project's catalogue
is read before Django's. Nothing imports this module; ``tests/test_languages.py`` checks the dates."""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
